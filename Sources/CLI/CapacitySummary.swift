import Foundation
import JSON
import Metrics

/// What a capacity search found: the steps it ran, the capacity they show (or that the fleet itself was
/// the limit), how the search ended; as a table for people, `capacity.json` for scripts, and an exit code.
struct CapacitySummary: Sendable {
    /// Why the search stopped.
    enum End: String, Sendable {
        case sloFailed = "slo_failed"
        case unreachable
        case maxStations = "max_stations"
        case interrupted
        case error
    }

    /// The steps run, in the order they ran.
    var steps: [CapacityStep]
    /// Whether Ctrl-C ended the search (during a step or between two).
    var interrupted: Bool

    /// The largest size that met every SLO, or `nil` when none did.
    var largestPassed: Int? {
        steps.filter { $0.outcome == .passed }.map(\.stations).max()
    }

    /// The smallest size that missed an SLO, or `nil` when none did.
    var smallestFailed: CapacityStep? {
        steps.filter { $0.outcome == .failed }.min { $0.stations < $1.stations }
    }

    /// The step that shows the fleet, not the CSMS, as the limit: the smallest that failed, when the fleet
    /// was saturated at it and an SLO it failed is one a late fleet distorts.
    var fleetLimit: CapacityStep? {
        guard let failed = smallestFailed, failed.figures?.fleetSaturated == true,
            failed.slo.contains(where: { !$0.ok && Self.fleetSensitive($0.expression) })
        else { return nil }
        return failed
    }

    /// Whether a late fleet can make an SLO fail: latencies are measured from when calls were due, sends
    /// slip, answers read late time out. Counts of links and of the CSMS's own refusals it cannot.
    static func fleetSensitive(_ expression: String) -> Bool {
        let metric = expression.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0 == "_" }
        return ![
            "connected", "reconnects", "failed_connections", "lost_transactions", "bad_frames",
            "unmatched_answers", "call_errors",
        ].contains(String(metric))
    }

    /// The CSMS's capacity: the largest size that met every SLO, unless the fleet was the limit.
    var capacity: Int? {
        fleetLimit == nil ? largestPassed : nil
    }

    var end: End {
        switch steps.last?.outcome {
        case .unreachable: .unreachable
        case .interrupted: .interrupted
        case .error: .error
        case .passed, .failed, nil:
            interrupted ? .interrupted : smallestFailed != nil ? .sloFailed : .maxStations
        }
    }

    /// 130 when Ctrl-C cut the search short (the capacity found is only a lower bound); 5 when the fleet,
    /// not the CSMS, was the limit; else 0 when a capacity was found; 3 when the first step could not reach
    /// the CSMS, 2 when it could not run, 1 when the first step failed an SLO.
    var exitCode: ExitCode {
        if interrupted { return .interrupted }
        if fleetLimit != nil { return .fleetSaturated }
        if capacity != nil { return .ok }
        switch end {
        case .unreachable: return .unreachable
        case .error: return .badInput
        case .sloFailed, .interrupted, .maxStations: return .sloFailed
        }
    }

    /// The line that answers the question.
    var capacityLine: String {
        if let limit = fleetLimit, let figures = limit.figures {
            return "capacity: unknown: the fleet saturated at \(CapacityStep.rate(figures.messagesPerSecond)) msgs/s "
                + "(\(limit.stations) stations; its timers \(CapacityStep.millis(figures.health.lagP50Micros)) late at "
                + "the median, CPU \(CapacityStep.percent(figures.health.cpuShare))"
                + (figures.health.demandShare.map { ", wanted \(CapacityStep.percent($0))" } ?? "")
                + " of its \(figures.health.loops) loop\(figures.health.loops == 1 ? "" : "s")): add processes or machines"
                + (largestPassed.map { "; the CSMS met every SLO up to \($0) stations" } ?? "")
        }
        guard let capacity else {
            return switch end {
            case .interrupted: "capacity: unknown (interrupted before the first step was judged)"
            case .unreachable: "capacity: none (the CSMS could not be reached)"
            case .error: "capacity: unknown (the first step could not run)"
            case .sloFailed, .maxStations:
                "capacity: none (even the first step, \(steps.first?.stations ?? 0) stations, failed an SLO)"
            }
        }
        let failed = smallestFailed?.stations
        return switch end {
        case .sloFailed:
            "capacity: \(capacity) stations (the largest size that met every SLO; \(failed ?? 0) failed"
                + (backedUp.map { "; there the CSMS fell behind reading: \(CapacityStep.unsent($0))" } ?? "") + ")"
        case .unreachable:
            "capacity: \(capacity) stations (the largest size that met every SLO; at the next the CSMS was unreachable)"
        case .maxStations: "capacity: at least \(capacity) stations (every step met every SLO up to --max-stations)"
        case .interrupted:
            failed.map { "capacity: at least \(capacity) stations, below \($0) (interrupted while narrowing it down)" }
                ?? "capacity: at least \(capacity) stations (interrupted before a step failed)"
        case .error: "capacity: at least \(capacity) stations (the next step could not run)"
        }
    }

    /// The fleet's health at the smallest size that failed, when the CSMS fell behind reading there (its
    /// send queue grew) while the fleet kept up: a sign of where the CSMS gave way.
    private var backedUp: FleetHealth? {
        guard let figures = smallestFailed?.figures, figures.health.sendQueueGrew, !figures.fleetSaturated else {
            return nil
        }
        return figures.health
    }

    /// The steps as a table (their load, latencies, errors and fleet health, then one column per SLO with a
    /// failed value marked ✗) and the capacity line.
    var table: String {
        let expressions = steps.first { !$0.slo.isEmpty }?.slo.map(\.expression) ?? []
        var rows = [
            ["step", "stations", "phase", "result", "msgs/s", "p50", "p99", "errors", "lag p50", "lag p99", "CPU", "wanted", "unsent"]
                + expressions
        ]
        for (index, step) in steps.enumerated() {
            let values = expressions.indices.map { column in
                guard column < step.slo.count else { return "" }
                let result = step.slo[column]
                return CapacityStep.measured(result) + (result.ok ? "" : " ✗")
            }
            var measured = ["", "", "", "", "", "", "", "", ""]
            if let figures = step.figures {
                measured = [
                    CapacityStep.rate(figures.messagesPerSecond), CapacityStep.millis(figures.latencyP50Micros),
                    CapacityStep.millis(figures.latencyP99Micros), "\(figures.errors)",
                    CapacityStep.millis(figures.health.lagP50Micros), CapacityStep.millis(figures.health.lagP99Micros),
                    CapacityStep.percent(figures.health.cpuShare),
                    (figures.health.demandShare.map(CapacityStep.percent) ?? "-") + (figures.fleetSaturated ? " !" : ""),
                    CapacityStep.bytes(figures.health.sendQueueBytes) + (figures.health.sendQueueGrew ? " ↑" : ""),
                ]
            }
            rows.append(["\(index + 1)", "\(step.stations)", step.phase.rawValue, step.verdict] + measured + values)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            let cells = zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
            text += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        if steps.contains(where: { $0.figures?.fleetSaturated == true }) {
            text += "! the fleet was saturated at that step: its figures are the fleet's limit, not the CSMS's\n"
        }
        if steps.contains(where: { $0.figures?.health.sendQueueGrew == true }) {
            text += "↑ the fleet's send queue grew at that step: the CSMS read more slowly than the stations wrote\n"
        }
        return text + capacityLine
    }

    /// `capacity.json`: the search's settings, the verdict, how it ended, and each step with its figures,
    /// its fleet's health and its SLOs; every object's keys sorted.
    func json(search: CapacitySearchSettings) -> String {
        var members: [(String, JSONValue)] = [
            ("capacity_stations", Self.count(capacity)),
            ("ended_by", .string(end.rawValue)),
            ("largest_passed_stations", Self.count(largestPassed)),
            ("limited_by", fleetLimit != nil ? .string("fleet") : smallestFailed != nil ? .string("csms") : .null),
            ("search", search.json),
            ("smallest_failed_stations", Self.count(smallestFailed?.stations)),
            ("steps", .array(steps.map(Self.json))),
            ("verdict", .string(capacityLine)),
        ]
        if let figures = fleetLimit?.figures {
            members.append(("fleet_saturated_msgs_per_s", Self.rounded(figures.messagesPerSecond)))
        }
        return Self.sorted(members).rendered() + "\n"
    }

    /// A step of `capacity.json`.
    private static func json(_ step: CapacityStep) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("fleet", .string(step.start.rawValue)),
            ("phase", .string(step.phase.rawValue)),
            ("result", .string(step.verdict)),
            ("slo", .array(step.slo.map(json))),
            ("stations", count(step.stations)),
        ]
        if let figures = step.figures {
            members += [
                ("errors", .integer(figures.errors)),
                ("fleet_health", json(figures.health, saturated: figures.fleetSaturated)),
                (
                    "latency_ms",
                    .object([
                        ("p50", rounded(Double(figures.latencyP50Micros) / 1000)),
                        ("p99", rounded(Double(figures.latencyP99Micros) / 1000)),
                    ])
                ),
                ("msgs_per_s", rounded(figures.messagesPerSecond)),
                ("window_s", rounded(figures.seconds)),
            ]
        }
        if let folder = step.reportFolder { members.append(("report", .string(folder))) }
        switch step.outcome {
        case .unreachable(let detail), .error(let detail): members.append(("detail", .string(detail)))
        case .passed, .failed, .interrupted: break
        }
        return sorted(members)
    }

    private static func json(_ result: SLOResult) -> JSONValue {
        .object([
            ("expr", .string(result.expression)), ("ok", .bool(result.ok)), ("unit", .string(result.unit)),
            ("value", result.value.map(rounded) ?? .null),
        ])
    }

    private static func json(_ health: FleetHealth, saturated: Bool) -> JSONValue {
        .object([
            ("cpu_share", rounded(health.cpuShare)),
            ("demand_share", health.demandShare.map(rounded) ?? .null),
            ("lag_p50_ms", rounded(Double(health.lagP50Micros) / 1000)),
            ("lag_p99_ms", rounded(Double(health.lagP99Micros) / 1000)),
            ("loops", count(health.loops)),
            ("saturated", .bool(saturated)),
            ("send_queue_bytes", .integer(health.sendQueueBytes)),
            ("send_queue_growth_bytes", signed(health.sendQueueGrowth)),
            ("send_queue_links", .integer(health.backedUpLinks)),
        ])
    }

    /// An object whose members are sorted by name, as every object of `capacity.json` is.
    private static func sorted(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.sorted { $0.0 < $1.0 })
    }

    /// A number of stations or loops, `null` when there is none.
    private static func count(_ value: Int?) -> JSONValue {
        value.map { .integer(UInt64($0)) } ?? .null
    }

    /// A count that may be negative (a queue that shrank): JSON writes a whole `Double` as its digits.
    private static func signed(_ value: Int64) -> JSONValue {
        value < 0 ? .number(Double(value)) : .integer(UInt64(value))
    }

    /// A figure to three decimals.
    private static func rounded(_ value: Double) -> JSONValue {
        .number((value * 1000).rounded() / 1000)
    }
}
