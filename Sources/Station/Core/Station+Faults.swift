import OCPP

// Hardware faults of a connector: what a Green'Up does when its protection trips, and when it recovers.
extension Station {
    mutating func faulted(_ connectorId: Int, _ errorCode: ChargePointErrorCode, now: Int64, effects: inout [StationEffect]) {
        guard isValidConnector(connectorId), errorCode != .noError else { return }
        connectors[connectorId].fault = errorCode
        // The protection opens the contactor, so the transaction cannot go on. Reason Other: OCPP 1.6 keeps
        // EmergencyStop for the emergency stop button, which nobody pressed; the station stopped on its own.
        stopTransaction(connectorId, reason: .other, idTag: nil, now: now, effects: &effects)
        if connectors[connectorId].authorizedDriver != nil {
            connectors[connectorId].authorizedDriver = nil
            effects.append(.cancelTimer(.connectionTimeout(connectorId: connectorId)))
        }
        refreshStatus(connectorId, now: now, effects: &effects)
        // Already Faulted with another code: the status is the same, the CSMS must still learn the new code.
        reportStatus(connectorId, now: now, effects: &effects)
    }

    mutating func faultCleared(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard isValidConnector(connectorId), connectors[connectorId].fault != nil else { return }
        connectors[connectorId].fault = nil
        refreshStatus(connectorId, now: now, effects: &effects)
    }
}
