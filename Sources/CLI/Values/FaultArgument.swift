import Fleet

/// Reads every `--fault` of a command line, refusing the first that does not follow ``FaultSpec``'s grammar.
enum FaultArgument {
    static func all(_ arguments: ParsedArguments, command: String) throws(UsageError) -> [TimedEvent] {
        var faults: [TimedEvent] = []
        for spec in arguments.all("--fault") {
            do {
                faults.append(try FaultSpec.parse(spec))
            } catch {
                throw UsageError("invalid --fault \(error)", command: command)
            }
        }
        return faults
    }
}
