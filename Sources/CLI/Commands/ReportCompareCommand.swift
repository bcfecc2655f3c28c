import Foundation
import Metrics

#if canImport(Glibc)
import Glibc
#endif

/// `ocpp-fleet report compare`: a new run against a baseline (or the median of several), for CI.
struct ReportCompareCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["report", "compare"],
        abstract: "Compare a report.json with a baseline; exit 1 on a regression, 4 when inconclusive.",
        arguments: "[BASE.json...] NEW.json",
        options: [baseline, maxRegression, junit],
        discussion: """
            FIGURES (--max-regression KIND=SHARE, comma-separated; defaults in brackets):
              p50 [10%]  p99 [10%]  p99.9 [20%]      latency per action, relative change (latency=X sets all three)
              throughput [10%]                       calls sent per second, relative
              errors [0.1%]  timeouts [0.1%]         rate per action and overall, change in percentage points
              connect_failures [1%]                  failed connection attempts, in percentage points
              connect_time [20%]                     connection time (to the end of the handshake), p50 and p99
              connected [10%]  transactions [10%]    most stations connected at once, transactions started

            A figure is judged only on enough samples on both sides: 20 latencies behind a p50, 100 behind a
            p99, 1,000 behind a p99.9; for a rate, enough calls that one call moves it by no more than its
            threshold (1,000 for 0.1%); for throughput and transactions, 1/threshold² (100 for 10%). The
            table gives each figure's samples (baseline/new). A figure worse than its threshold on fewer
            samples makes the answer INCONCLUSIVE rather than a guess; so does an interrupted run.

            EXIT CODES: 0 no regression, 1 a regression (proven by enough samples), 2 bad usage or a file that
            is not a report, 4 inconclusive: the data cannot support a verdict (run longer).
            """
    )

    static let baseline = Option(
        "--baseline", "FILE",
        help: "A baseline report (a report.json, its folder, or a quoted glob such as 'main/*.json'); with "
            + "several, each figure's baseline is their median",
        repeatable: true, as: { text throws(ValueError) in text })
    static let maxRegression = Option(
        "--max-regression", "LIST",
        help: "Accepted worsening per figure, e.g. p99=10%,errors=0.1% (a bare 10% sets every relative figure)",
        default: .described("those of FIGURES below"), as: thresholds)
    static let junit = Option(
        "--junit", "FILE", help: "Also write the comparison as JUnit XML, one test case per figure",
        as: { text throws(ValueError) in text })

    private static func thresholds(_ text: String) throws(ValueError) -> RegressionThresholds {
        do {
            return try RegressionThresholds(parsing: text)
        } catch {
            throw ValueError(expected: error.message)
        }
    }

    var baselines: [String]
    var new: String
    var thresholds: RegressionThresholds
    var junit: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let command = "report compare"
        var files: [String] = []
        for pattern in try arguments.values(Self.baseline) { files += try Self.expand(pattern) }
        guard let last = arguments.positionals.last else {
            throw UsageError("expected the reports: BASE.json NEW.json, or --baseline FILE NEW.json", command: command)
        }
        files += arguments.positionals.dropLast().map(Self.reportFile)
        guard !files.isEmpty else {
            throw UsageError("expected a baseline: BASE.json NEW.json, or --baseline FILE NEW.json", command: command)
        }
        do {
            baselines = try files.map { path throws(ValueError) in try InputFile.argument(path) }
            new = try InputFile.argument(Self.reportFile(last))
        } catch {
            throw UsageError("cannot compare: expected \(error.expected)", command: command)
        }
        thresholds = try arguments.valueIfGiven(Self.maxRegression) ?? .defaults
        junit = try arguments.valueIfGiven(Self.junit)
    }

    /// Prints the table of figures and the verdict; exit 1 on a regression, 4 when inconclusive, 2 when a
    /// file cannot be read as a report.
    func run() async throws -> ExitCode {
        let candidate = try ReportJSONReader.read(file: new)
        var reports: [RunReport] = []
        for file in baselines {
            let baseline = try ReportJSONReader.read(file: file)
            for difference in Self.differences(baseline.run, candidate.run) {
                Output.error("note: \(file) and \(new) differ: \(difference)")
            }
            reports.append(baseline)
        }
        let comparison = ReportComparison(baselines: reports, new: candidate, thresholds: thresholds)
        Output.standard(comparison.rendered())
        if let junit {
            do {
                try Data(comparison.junit().utf8).write(to: URL(fileURLWithPath: junit))
            } catch {
                Output.error("error: cannot write \(junit): \(error.localizedDescription)")
                return .badInput
            }
        }
        switch comparison.verdict {
        case .noRegression: return .ok
        case .regression: return .sloFailed
        case .inconclusive: return .inconclusive
        }
    }

    /// A folder's `report.json`, or the path itself.
    private static func reportFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return path
        }
        return URL(fileURLWithPath: path).appendingPathComponent("report.json").path
    }

    /// The files a `--baseline` names: itself, or what its glob matches (sorted), for shells and CI
    /// variables that pass the pattern quoted.
    private static func expand(_ pattern: String) throws(UsageError) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [reportFile(pattern)] }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else {
            throw UsageError("no file matches the baseline pattern '\(pattern)'", command: "report compare")
        }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }
            .sorted().map(reportFile)
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
