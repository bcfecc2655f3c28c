import Metrics

/// Reads every `--slo` of a command line, refusing the first bad one with its column.
enum SLOArgument {
    static func all(_ arguments: ParsedArguments, command: String) throws(UsageError) -> [SLO] {
        var slos: [SLO] = []
        for expression in arguments.all("--slo") {
            do {
                slos.append(try SLO(parsing: expression))
            } catch {
                throw UsageError("invalid --slo: \(error)", command: command)
            }
        }
        return slos
    }
}
