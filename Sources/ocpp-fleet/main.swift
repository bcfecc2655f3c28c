import CLI

#if canImport(Glibc)
import Glibc
#endif

exit(await OCPPFleet.main(Array(CommandLine.arguments.dropFirst())).rawValue)
