/// `ocpp-fleet report merge`: the reports of several shards as one.
struct ReportMergeCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["report", "merge"],
        abstract: "Merge the reports of several shards (--shard I/N) into one report.",
        arguments: "DIR...",
        options: [OptionSpec("--out", value: "DIR", help: "Where to write the merged report (required).")]
    )

    var inputs: [String]
    var output: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard !arguments.positionals.isEmpty else {
            throw UsageError("missing DIR...: the report folders to merge", command: "report merge")
        }
        guard let output = arguments.value("--out") else {
            throw UsageError("option --out DIR is required", command: "report merge")
        }
        inputs = arguments.positionals
        self.output = output
    }

    func run() async throws -> ExitCode {
        throw UsageError("'report merge' is not available yet in this build", command: Self.configuration.name)
    }
}
