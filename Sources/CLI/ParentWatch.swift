#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation

/// The worker's side of ``WorkerProcess``'s stdin: a pipe the parent never writes, whose end of file
/// means the parent has ended (a second Ctrl-C, a crash, SIGKILL). The worker then quits at once, as its
/// parent did: no worker outlives the command the user started. `csms --exit-with-stdin` offers the same
/// to any program that starts a CSMS (a test binary that crashes leaves no CSMS listening behind it).
enum ParentWatch {
    /// Starts watching stdin on a thread of its own.
    static func start() {
        let watcher = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(STDIN_FILENO, &byte, 1)
                if count < 0, errno == EINTR { continue }
                if count == 0 || count < 0 { _exit(ExitCode.terminated.rawValue) }
            }
        }
        watcher.name = "ocpp-fleet.parent-watch"
        watcher.start()
    }
}
