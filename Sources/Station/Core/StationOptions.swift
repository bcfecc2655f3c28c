/// What a profile chooses about a station beyond its model.
public struct StationOptions: Sendable {
    public var reconnection: ReconnectionPolicy
    /// The EV assumed plugged in when a RemoteStartTransaction reaches a free connector (the driver
    /// started from an app, car plugged in); nil makes the connector wait in Preparing for ConnectionTimeOut.
    public var remoteStartEV: EVCharacteristics?
    /// Message ids of 15 digits rather than the Green'Up's 20, drawn from the same random numbers (the
    /// station's behaviour is otherwise the same): an id then costs no allocation. For a runner where
    /// no one sees the ids, as the simulator without a trace; a CSMS over a socket sees the Green'Up's.
    public var compactMessageIds: Bool

    public init(
        reconnection: ReconnectionPolicy = .serverReconnectionTime, remoteStartEV: EVCharacteristics? = .typical,
        compactMessageIds: Bool = false
    ) {
        self.reconnection = reconnection
        self.remoteStartEV = remoteStartEV
        self.compactMessageIds = compactMessageIds
    }
}

/// Who a station is: its chargeBoxId (the last path segment of its URL) and its serial number.
public struct StationIdentity: Sendable, Equatable {
    public var chargeBoxId: String
    public var serialNumber: String

    public init(chargeBoxId: String, serialNumber: String) {
        self.chargeBoxId = chargeBoxId
        self.serialNumber = serialNumber
    }
}
