import Metrics

/// One size the capacity search tried: how many stations, what the SLOs measured, and the verdict.
struct CapacityStep: Sendable, Equatable {
    /// Where the step's stations came from.
    enum Start: String, Sendable {
        /// A fleet started for this step.
        case fresh
        /// The fleet of the step before, with stations added.
        case grown
        /// The fleet of the step before, with stations powered off.
        case shrunk
    }

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
    /// What the step measured, or `nil` when it did not run.
    var figures: CapacityFigures?
    var phase: CapacitySearch.Phase = .grow
    var start: Start = .fresh

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

    /// The step as one line of progress: its size, each SLO's measured value against its threshold, the
    /// verdict, and the fleet's health.
    var line: String {
        var text = "\(stations) stations: \(verdict.uppercased())"
        switch outcome {
        case .unreachable(let detail), .error(let detail):
            text += " (\(detail))"
        case .passed, .failed, .interrupted:
            break
        }
        if let figures {
            text += "  \(Self.rate(figures.messagesPerSecond)) msgs/s, p50 \(Self.millis(figures.latencyP50Micros)), "
                + "p99 \(Self.millis(figures.latencyP99Micros)), \(figures.errors) errors; fleet lag p50 "
                + "\(Self.millis(figures.health.lagP50Micros)) p99 \(Self.millis(figures.health.lagP99Micros)), CPU \(Self.percent(figures.health.cpuShare))"
                + (figures.health.demandShare.map { " (wanted \(Self.percent($0)))" } ?? "")
                + (figures.health.sendQueueBytes > 0 ? ", \(Self.unsent(figures.health))" : "")
                + (figures.fleetSaturated ? " SATURATED" : "")
        }
        for result in slo {
            text += "  \(result.expression) → \(Self.measured(result)) \(result.ok ? "ok" : "FAILED")"
        }
        return text
    }

    /// `12.3ms`.
    static func millis(_ micros: UInt64) -> String {
        let tenths = (Double(micros) / 100).rounded() / 10
        return (tenths == tenths.rounded() ? String(Int64(tenths)) : String(tenths)) + "ms"
    }

    /// `1234` calls per second, whole.
    static func rate(_ value: Double) -> String {
        String(Int64(value.rounded()))
    }

    /// `1.5MiB unsent on 12 links`: what the fleet's links held because the CSMS did not read it yet.
    static func unsent(_ health: FleetHealth) -> String {
        "\(bytes(health.sendQueueBytes)) unsent on \(health.backedUpLinks) link\(health.backedUpLinks == 1 ? "" : "s")"
    }

    /// `512B`, `12KiB`, `1.5MiB`.
    static func bytes(_ count: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = (value * 10).rounded() / 10
        return (unit == 0 || tenths >= 10 ? String(Int64(value.rounded())) : String(tenths)) + units[unit]
    }

    /// `87%`.
    static func percent(_ share: Double) -> String {
        "\(Int64((share * 100).rounded()))%"
    }

    /// A measured value with its unit (`812.345ms`, `12`, `0.1%`), or `-` when nothing could be measured.
    static func measured(_ result: SLOResult) -> String {
        guard let value = result.value else { return "-" }
        let rounded = (value * 1000).rounded() / 1000
        let number = rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        return number + result.unit
    }
}
