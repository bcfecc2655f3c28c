import OCPP

/// What the CSMS counts; ``CentralSystem/counterSnapshot`` names the figures.
struct CSMSCounters {
    var received: [Action: UInt64] = [:]
    var answered: [Action: UInt64] = [:]
    var callErrors: [CallErrorCode: UInt64] = [:]
    var internalErrorFaults: UInt64 = 0
    var noAnswerFaults: UInt64 = 0
    var commandsSent: [Action: UInt64] = [:]
    var commandOutcomes: [String: UInt64] = [:]
    var connected: UInt64 = 0
    var maxConnected: UInt64 = 0
    var connections: UInt64 = 0
    var replaced: UInt64 = 0
    var unreadableFrames: UInt64 = 0
    var unmatchedAnswers: UInt64 = 0

    mutating func stationConnected() {
        connections += 1
        connected += 1
        maxConnected = max(maxConnected, connected)
    }

    mutating func commandEnded(_ action: Action, _ outcome: CommandOutcome) {
        commandOutcomes["commands.\(action.rawValue).\(outcome.name)", default: 0] += 1
    }

    func snapshot(transactions: TransactionLedger) -> [String: Double] {
        var counts: [String: UInt64] = [
            "faults.internal_error": internalErrorFaults,
            "faults.no_answer": noAnswerFaults,
            "stations.connected": connected,
            "stations.max_connected": maxConnected,
            "stations.connections": connections,
            "stations.replaced": replaced,
            "transactions.open": UInt64(transactions.open.count),
            "transactions.started": UInt64(transactions.started),
            "transactions.stopped": UInt64(transactions.stopped),
            "transactions.stopped_unknown": UInt64(transactions.stoppedUnknown),
            "frames.unreadable": unreadableFrames,
            "frames.unmatched": unmatchedAnswers,
        ]
        for (action, count) in received { counts["received.\(action.rawValue)"] = count }
        for (action, count) in answered { counts["answered.\(action.rawValue)"] = count }
        for (code, count) in callErrors { counts["call_errors.\(code.rawValue)"] = count }
        for (action, count) in commandsSent { counts["commands.\(action.rawValue).sent"] = count }
        counts.merge(commandOutcomes) { $0 + $1 }
        return counts.mapValues { Double($0) }
    }
}
