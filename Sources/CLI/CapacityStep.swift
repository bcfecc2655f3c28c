import Metrics

/// One size the capacity search tried: how many stations, what the SLOs measured, and the verdict.
struct CapacityStep: Sendable, Equatable {
    /// How a step ended.
    enum Outcome: Sendable, Equatable {
        /// The step ran its whole hold and met every SLO.
        case passed
        /// The step ran its whole hold and missed at least one SLO.
        case failed
        /// No station could connect: at the first step the CSMS is not there, later it gave way under load.
        case unreachable(String)
        /// Ctrl-C cut the step short: its figures cover less than the hold, so it is not judged.
        case interrupted
        /// The fleet could not run at this size (a limit of this machine, a file that cannot be written).
        case error(String)
    }

    /// The fleet's size at this step.
    var stations: Int
    /// Every SLO checked against the step's report, in the order given (empty when the step did not run).
    var slo: [SLOResult]
    var outcome: Outcome
    /// The step's report folder under `--report DIR`, relative to it, or `nil` without `--report`.
    var reportFolder: String?

    /// The verdict in one word, as the table and `capacity.json` show it.
    var verdict: String {
        switch outcome {
        case .passed: "pass"
        case .failed: "fail"
        case .unreachable: "unreachable"
        case .interrupted: "interrupted"
        case .error: "error"
        }
    }

    /// The step as one line of progress: its size, each SLO's measured value against its threshold, the verdict.
    var line: String {
        var text = "\(stations) stations: \(verdict.uppercased())"
        switch outcome {
        case .unreachable(let detail), .error(let detail):
            text += " (\(detail))"
        case .passed, .failed, .interrupted:
            break
        }
        for result in slo {
            text += "  \(result.expression) → \(Self.measured(result)) \(result.ok ? "ok" : "FAILED")"
        }
        return text
    }

    /// A measured value with its unit (`812.345ms`, `12`, `0.1%`), or `-` when nothing could be measured.
    static func measured(_ result: SLOResult) -> String {
        guard let value = result.value else { return "-" }
        let rounded = (value * 1000).rounded() / 1000
        let number = rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        return number + result.unit
    }
}
