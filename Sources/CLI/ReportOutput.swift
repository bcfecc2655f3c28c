import Foundation
import Metrics

/// What `run` and `simulate` do with their report: judge the SLOs, write `--report DIR`, print the
/// summary (or JSON with `--json`), and choose the exit code: an interrupted run never exits 0.
struct ReportOutput: Sendable {
    /// The SLOs to judge (`--slo`).
    var slos: [SLO]
    /// Where to write the report files (`--report`).
    var report: String?
    /// Whether the summary goes to stdout as JSON (`--json`).
    var json: Bool

    /// Reads `--slo`, `--report` and `--json`, as `run` and `simulate` declare them.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        slos = try arguments.values(SharedOptions.slo)
        report = try arguments.valueIfGiven(SharedOptions.report)
        json = arguments.flag(SharedOptions.json)
    }

    /// - Parameters:
    ///   - report: the run's report.
    ///   - interruption: the exit code of the signal that stopped the run, if one did.
    func finish(_ report: RunReport, interruption: ExitCode? = nil) -> ExitCode {
        var report = report
        report.evaluate(slos)
        guard write(report) else { return .badInput }
        if json {
            Output.standard(ReportJSON.render(report))
            // The summary table names failed SLOs; with JSON on stdout, stderr does.
            for result in report.slo where !result.ok {
                Output.error("SLO failed: \(result.expression): \(result.detail)")
            }
        } else {
            Output.standard(SummaryTable.render(report))
        }
        if let directory = self.report { Output.error("report written to \(directory)/") }
        if report.interrupted { return interruption ?? .interrupted }
        return report.allSLOsPassed ? .ok : .sloFailed
    }

    /// Writes `report`'s files into `--report`, if given.
    /// - Returns: false when they could not be written (said on stderr).
    func write(_ report: RunReport) -> Bool {
        guard let directory = self.report else { return true }
        do {
            try ReportDirectory(URL(fileURLWithPath: directory)).write(report)
            return true
        } catch {
            Output.error("error: cannot write the report into \(directory): \(error)")
            return false
        }
    }
}
