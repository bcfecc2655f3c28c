import Foundation
import Metrics

/// What `run` and `simulate` do with their report: judge the SLOs, write `--report DIR`, print the
/// summary (or JSON with `--json`), and choose the exit code: an interrupted run never exits 0.
struct ReportOutput {
    var slos: [SLO]
    var directory: String?
    var json: Bool

    /// - Parameters:
    ///   - report: the run's report.
    ///   - interruption: the exit code of the signal that stopped the run, if one did.
    func finish(_ report: RunReport, interruption: ExitCode? = nil) -> ExitCode {
        var report = report
        report.evaluate(slos)
        if let directory {
            do {
                try ReportDirectory(URL(fileURLWithPath: directory)).write(report)
            } catch {
                Output.error("error: cannot write the report into \(directory): \(error)")
                return .badInput
            }
        }
        if json {
            Output.standard(ReportJSON.render(report))
            // The summary table names failed SLOs; with JSON on stdout, stderr does.
            for result in report.slo where !result.ok {
                Output.error("SLO failed: \(result.expression): \(result.detail)")
            }
        } else {
            Output.standard(SummaryTable.render(report))
        }
        if let directory { Output.error("report written to \(directory)/") }
        if report.interrupted { return interruption ?? .interrupted }
        return report.allSLOsPassed ? .ok : .sloFailed
    }
}
