/// `ocpp-fleet report compare`: a new run against a baseline, for CI.
struct ReportCompareCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["report", "compare"],
        abstract: "Compare two report.json files; exit 1 when NEW regressed beyond the threshold.",
        arguments: "BASE.json NEW.json",
        options: [
            OptionSpec("--max-regression", value: "SHARE", help: "Largest accepted worsening of a latency or throughput figure (default: 10%).")
        ]
    )

    var base: String
    var new: String
    var maxRegression: Double

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 2)
        guard arguments.positionals.count == 2 else {
            throw UsageError("expected two files: BASE.json NEW.json", command: "report compare")
        }
        do {
            base = try InputFile.argument(arguments.positionals[0])
            new = try InputFile.argument(arguments.positionals[1])
        } catch {
            throw UsageError("cannot compare: expected \(error.expected)", command: "report compare")
        }
        maxRegression = try arguments.value("--max-regression", as: Count.fraction) ?? 0.10
    }

    func run() async throws -> ExitCode {
        throw UsageError("'report compare' is not available yet in this build", command: Self.configuration.name)
    }
}
