import Metrics

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

    /// Prints the table of key figures; exit 1 when one regressed beyond the threshold, 2 when a file
    /// cannot be read as a report.
    func run() async throws -> ExitCode {
        let baseline = try ReportJSONReader.read(file: base)
        let candidate = try ReportJSONReader.read(file: new)
        for difference in Self.differences(baseline.run, candidate.run) {
            Output.error("note: the runs differ: \(difference)")
        }
        let comparison = ReportComparison(base: baseline, new: candidate, maxRegression: maxRegression)
        Output.standard(comparison.rendered())
        return comparison.regressions.isEmpty ? .ok : .sloFailed
    }

    /// What makes two runs not quite comparable, said so that a surprising verdict can be explained.
    private static func differences(_ base: RunDescription, _ new: RunDescription) -> [String] {
        var differences: [String] = []
        if base.profile != new.profile { differences.append("profile \(base.profile) vs \(new.profile)") }
        if base.stations != new.stations { differences.append("stations \(base.stations) vs \(new.stations)") }
        if base.seed != new.seed { differences.append("seed \(base.seed) vs \(new.seed)") }
        if base.csms != new.csms { differences.append("csms \(base.csms) vs \(new.csms)") }
        return differences
    }
}
