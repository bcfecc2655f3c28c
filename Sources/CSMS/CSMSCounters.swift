import OCPP

/// What a CSMS core counts, kept typed so that adding up thousands of cores (the simulator runs one per
/// station) is cheap; ``snapshot`` names the figures for the report.
public struct CSMSCounters: Sendable, Equatable {
    struct CommandEnd: Hashable {
        let action: Action
        let outcome: String
    }

    var received = ActionCounts()
    var answered = ActionCounts()
    var callErrors: [CallErrorCode: UInt64] = [:]
    var idTagAnswers: [AuthorizationStatus: UInt64] = [:]
    var internalErrorFaults: UInt64 = 0
    var noAnswerFaults: UInt64 = 0
    var commandsSent: [Action: UInt64] = [:]
    var commandEnds: [CommandEnd: UInt64] = [:]
    var connected: UInt64 = 0
    var maxConnected: UInt64 = 0
    var connections: UInt64 = 0
    var replaced: UInt64 = 0
    var transactionsOpen: UInt64 = 0
    var transactionsStarted: UInt64 = 0
    var transactionsStopped: UInt64 = 0
    var transactionsStoppedUnknown: UInt64 = 0
    var unreadableFrames: UInt64 = 0
    var unmatchedAnswers: UInt64 = 0

    /// Each single count with its name in ``snapshot``: what ``add(_:)`` sums and the snapshot names, from
    /// one list.
    private static let counts: [(name: String, count: any WritableKeyPath<CSMSCounters, UInt64> & Sendable)] = [
        ("faults.internal_error", \.internalErrorFaults), ("faults.no_answer", \.noAnswerFaults),
        ("stations.connected", \.connected), ("stations.max_connected", \.maxConnected),
        ("stations.connections", \.connections), ("stations.replaced", \.replaced),
        ("transactions.open", \.transactionsOpen), ("transactions.started", \.transactionsStarted),
        ("transactions.stopped", \.transactionsStopped),
        ("transactions.stopped_unknown", \.transactionsStoppedUnknown), ("frames.unreadable", \.unreadableFrames),
        ("frames.unmatched", \.unmatchedAnswers),
    ]

    /// No count yet.
    public init() {}

    mutating func stationConnected() {
        connections += 1
        connected += 1
        maxConnected = max(maxConnected, connected)
    }

    mutating func commandEnded(_ action: Action, _ outcome: CommandOutcome) {
        commandEnds[CommandEnd(action: action, outcome: outcome.name), default: 0] += 1
    }

    /// Adds another core's counts to these. Every figure is summed, `stations.max_connected` included:
    /// for cores serving different stations that is an upper bound of the stations connected at once.
    public mutating func add(_ other: CSMSCounters) {
        received.add(other.received)
        answered.add(other.answered)
        callErrors.merge(other.callErrors, uniquingKeysWith: +)
        idTagAnswers.merge(other.idTagAnswers, uniquingKeysWith: +)
        commandsSent.merge(other.commandsSent, uniquingKeysWith: +)
        commandEnds.merge(other.commandEnds, uniquingKeysWith: +)
        for (_, count) in Self.counts { self[keyPath: count] += other[keyPath: count] }
    }

    /// Every figure by name, as Metrics takes them (see ``CentralSystem/counterSnapshot`` for the names).
    public var snapshot: [String: Double] {
        var counts = Dictionary(uniqueKeysWithValues: Self.counts.map { ($0.name, self[keyPath: $0.count]) })
        for (action, count) in received { counts["received.\(action.rawValue)"] = count }
        for (action, count) in answered { counts["answered.\(action.rawValue)"] = count }
        for (code, count) in callErrors { counts["call_errors.\(code.rawValue)"] = count }
        for (status, count) in idTagAnswers { counts["id_tags.\(status.rawValue)"] = count }
        for (action, count) in commandsSent { counts["commands.\(action.rawValue).sent"] = count }
        for (end, count) in commandEnds { counts["commands.\(end.action.rawValue).\(end.outcome)"] = count }
        return counts.mapValues { Double($0) }
    }
}
