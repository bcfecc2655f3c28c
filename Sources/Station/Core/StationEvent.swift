import OCPP

/// What happens to a station: the runner (real sockets or simulation) feeds these to
/// ``Station/handle(_:now:effects:)``.
public enum StationEvent: Sendable {
    /// The station is switched on: it boots and wants a connection.
    case powerOn
    /// The WebSocket to the CSMS is open.
    case connected
    /// The link is lost, or a connection attempt failed.
    case disconnected
    /// One WebSocket text message from the CSMS.
    case frameReceived([UInt8])
    /// A timer the station armed has come due.
    case timerFired(StationTimer)
    /// A driver plugs an EV into a connector (1-based connectorId).
    case evPlugged(connectorId: Int, ev: EVCharacteristics)
    /// The EV leaves the connector.
    case evUnplugged(connectorId: Int)
    /// A driver presents an RFID badge at a connector's charging point.
    case badgePresented(connectorId: Int, idTag: String)
    /// Power is cut and comes back: running transactions end (PowerLoss), the station reboots.
    case powerCycle
    /// A connector (1-based) detects a fault, such as a ground-fault or overcurrent trip: a transaction on
    /// it stops and the connector reports Faulted with `errorCode` until the fault clears. A new code on a
    /// faulted connector is reported too.
    case connectorFaulted(connectorId: Int, errorCode: ChargePointErrorCode)
    /// The fault on a connector is gone: it reports its state again, with errorCode NoError.
    case connectorFaultCleared(connectorId: Int)
}
