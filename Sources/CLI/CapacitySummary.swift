import Foundation
import Metrics

/// What a capacity search found: the steps it ran, the capacity they show, how the search ended; as a
/// table for people, `capacity.json` for scripts, and an exit code.
struct CapacitySummary: Sendable {
    /// Why the search stopped growing the fleet.
    enum End: String, Sendable {
        case sloFailed = "slo_failed"
        case unreachable
        case maxStations = "max_stations"
        case interrupted
        case error
    }

    /// The steps run, smallest first; every step but the last passed.
    var steps: [CapacityStep]
    /// Whether Ctrl-C ended the search (during a step or between two).
    var interrupted: Bool

    /// The largest size that met every SLO, or `nil` when none did.
    var capacity: Int? {
        steps.last { $0.outcome == .passed }?.stations
    }

    var end: End {
        switch steps.last?.outcome {
        case .failed: .sloFailed
        case .unreachable: .unreachable
        case .interrupted: .interrupted
        case .error: .error
        case .passed, nil: interrupted ? .interrupted : .maxStations
        }
    }

    /// 130 when Ctrl-C cut the search short (the capacity found is only a lower bound); else 0 when a
    /// capacity was found; 3 when the first step could not reach the CSMS, 2 when it could not run, 1 when
    /// the first step failed an SLO.
    var exitCode: ExitCode {
        if interrupted { return .interrupted }
        if capacity != nil { return .ok }
        switch end {
        case .unreachable: return .unreachable
        case .error: return .badInput
        case .sloFailed, .interrupted, .maxStations: return .sloFailed
        }
    }

    /// The line that answers the question.
    var capacityLine: String {
        guard let capacity else {
            return switch end {
            case .interrupted: "capacity: unknown (interrupted before the first step was judged)"
            case .unreachable: "capacity: none (the CSMS could not be reached)"
            case .error: "capacity: unknown (the first step could not run)"
            case .sloFailed, .maxStations:
                "capacity: none (even the first step, \(steps.first?.stations ?? 0) stations, failed an SLO)"
            }
        }
        return switch end {
        case .sloFailed: "capacity: \(capacity) stations (the largest size that met every SLO)"
        case .unreachable:
            "capacity: \(capacity) stations (the largest size that met every SLO; at the next the CSMS was unreachable)"
        case .maxStations: "capacity: at least \(capacity) stations (every step met every SLO up to --max-stations)"
        case .interrupted: "capacity: at least \(capacity) stations (interrupted before a step failed)"
        case .error: "capacity: at least \(capacity) stations (the next step could not run)"
        }
    }

    /// The steps as a table (one column per SLO, a failed value marked ✗) and the capacity line.
    var table: String {
        let expressions = steps.first { !$0.slo.isEmpty }?.slo.map(\.expression) ?? []
        var rows = [["step", "stations", "result"] + expressions]
        for (index, step) in steps.enumerated() {
            let values = expressions.indices.map { column in
                guard column < step.slo.count else { return "" }
                let result = step.slo[column]
                return CapacityStep.measured(result) + (result.ok ? "" : " ✗")
            }
            rows.append(["\(index + 1)", "\(step.stations)", step.verdict] + values)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            let cells = zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
            text += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return text + capacityLine
    }

    /// `capacity.json`: the search's settings, the capacity, how it ended, and each step with its SLOs.
    func json(search: [String: Any]) -> String {
        let steps: [[String: Any]] = steps.map { step in
            var object: [String: Any] = [
                "stations": step.stations,
                "result": step.verdict,
                "slo": step.slo.map { result in
                    [
                        "expr": result.expression, "ok": result.ok, "unit": result.unit,
                        "value": result.value.map { ($0 * 1000).rounded() / 1000 } ?? NSNull(),
                    ] as [String: Any]
                },
            ]
            if let folder = step.reportFolder { object["report"] = folder }
            switch step.outcome {
            case .unreachable(let detail), .error(let detail): object["detail"] = detail
            case .passed, .failed, .interrupted: break
            }
            return object
        }
        let object: [String: Any] = [
            "capacity_stations": capacity ?? NSNull() as Any,
            "ended_by": end.rawValue,
            "search": search,
            "steps": steps,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
