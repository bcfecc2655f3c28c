/// What an SLO measures.
enum SLOQuantity: Sendable, Equatable {
    case latency(SLOPercentile, series: String)
    case serviceTime(SLOPercentile, series: String)
    case schedulerLag(SLOPercentile)
    case counter(SLOCounter, series: String)
    case connected
    case reconnects
    case failedConnections
    case lostTransactions
    /// Transaction messages the stations gave up on (``TransactionMetrics/lostMessages``).
    case lostMessages
    /// Transaction messages still held when the run ended (``TransactionMetrics/unsentAtEnd``).
    case unsentAtEnd
    case badFrames
    case unmatchedAnswers
    case messagesPerSecond
    /// The time until a share of a storm's stations were back, for the worst storm of that fault (`*`:
    /// of any).
    case recovery(SLOPercentile, fault: String)
    /// The stations back after a storm, for the worst storm of that fault (`*`: of any).
    case recovered(fault: String)

    /// How the quantity reads in results, e.g. `p99(StartTransaction)`.
    var name: String {
        switch self {
        case .latency(let percentile, let series): "\(percentile.rawValue)(\(series))"
        case .serviceTime(let percentile, let series): "service_\(percentile.rawValue)(\(series))"
        case .schedulerLag(let percentile): "lag_\(percentile.rawValue)"
        case .counter(let counter, let series): series == "*" ? counter.rawValue : "\(counter.rawValue)(\(series))"
        case .connected: "connected"
        case .reconnects: "reconnects"
        case .failedConnections: "failed_connections"
        case .lostTransactions: "lost_transactions"
        case .lostMessages: "lost_messages"
        case .unsentAtEnd: "unsent_at_end"
        case .badFrames: "bad_frames"
        case .unmatchedAnswers: "unmatched_answers"
        case .messagesPerSecond: "msgs_per_s"
        case .recovery(let percentile, let fault):
            "recovery_\(percentile == .max ? "p100" : percentile.rawValue)" + (fault == "*" ? "" : "(\(fault))")
        case .recovered(let fault): fault == "*" ? "recovered" : "recovered(\(fault))"
        }
    }

    /// Which units a threshold of this quantity may carry.
    var acceptedUnits: Set<SLOUnit> {
        switch self {
        case .latency, .serviceTime, .schedulerLag, .recovery: [.micros, .millis, .seconds]
        case .counter, .connected, .reconnects, .failedConnections, .lostTransactions, .lostMessages, .unsentAtEnd,
            .recovered:
            [.none, .percent]
        // Frames from the CSMS are no share of anything the report counts: a plain count only.
        case .badFrames, .unmatchedAnswers, .messagesPerSecond: [.none]
        }
    }
}

enum SLOPercentile: String, Sendable, CaseIterable {
    case p50, p90, p99, p999, max

    init?(name: String) {
        if name == "p99.9" {
            self = .p999
        } else {
            self.init(rawValue: name)
        }
    }

    /// The share of the values at or below the percentile.
    var percent: Double {
        switch self {
        case .p50: 50
        case .p90: 90
        case .p99: 99
        case .p999: 99.9
        case .max: 100
        }
    }

    func value(in summary: LatencySummary) -> UInt64 {
        switch self {
        case .p50: summary.p50
        case .p90: summary.p90
        case .p99: summary.p99
        case .p999: summary.p999
        case .max: summary.max
        }
    }
}

enum SLOCounter: String, Sendable, CaseIterable {
    case errors
    case callErrors = "call_errors"
    case timeouts, sent, ok
    /// Answers that came after their call's timeout (each also counted as a timeout).
    case late

    func count(in figures: ActionFigures) -> UInt64 {
        switch self {
        case .errors: figures.errors
        case .callErrors: figures.callErrors
        case .timeouts: figures.timeouts
        case .sent: figures.sent
        case .ok: figures.ok
        case .late: figures.late
        }
    }
}

enum SLOComparison: String, Sendable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="

    var symbol: String { rawValue }

    func holds(_ measured: Double, _ threshold: Double) -> Bool {
        switch self {
        case .less: measured < threshold
        case .lessOrEqual: measured <= threshold
        case .greater: measured > threshold
        case .greaterOrEqual: measured >= threshold
        case .equal: measured == threshold
        case .notEqual: measured != threshold
        }
    }
}

enum SLOUnit: String, Sendable {
    case none = ""
    case micros = "us"
    case millis = "ms"
    case seconds = "s"
    case percent = "%"

    /// How the unit follows a number: `800ms`, `0.1%`, `5000`.
    var suffix: String { rawValue }

    func fromMicros(_ micros: UInt64) -> Double {
        switch self {
        case .millis: Double(micros) / 1_000
        case .seconds: Double(micros) / 1_000_000
        case .micros, .none, .percent: Double(micros)
        }
    }
}
