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
        commandOutcomes["csms.commands.\(action.rawValue).\(outcome.name)", default: 0] += 1
    }

    func snapshot(transactions: TransactionLedger) -> [String: UInt64] {
        var figures: [String: UInt64] = [
            "csms.faults.internal_error": internalErrorFaults,
            "csms.faults.no_answer": noAnswerFaults,
            "csms.stations.connected": connected,
            "csms.stations.max_connected": maxConnected,
            "csms.stations.connections": connections,
            "csms.stations.replaced": replaced,
            "csms.transactions.open": UInt64(transactions.open.count),
            "csms.transactions.started": UInt64(transactions.started),
            "csms.transactions.stopped": UInt64(transactions.stopped),
            "csms.transactions.stopped_unknown": UInt64(transactions.stoppedUnknown),
            "csms.frames.unreadable": unreadableFrames,
            "csms.frames.unmatched": unmatchedAnswers,
        ]
        for (action, count) in received { figures["csms.received.\(action.rawValue)"] = count }
        for (action, count) in answered { figures["csms.answered.\(action.rawValue)"] = count }
        for (code, count) in callErrors { figures["csms.call_errors.\(code.rawValue)"] = count }
        for (action, count) in commandsSent { figures["csms.commands.\(action.rawValue).sent"] = count }
        figures.merge(commandOutcomes) { $0 + $1 }
        return figures
    }
}
