/// What a profile chooses about a station beyond its model.
public struct StationOptions: Sendable {
    public var reconnection: ReconnectionPolicy
    /// The EV assumed plugged in when a RemoteStartTransaction reaches a free connector (the driver
    /// started from an app, car plugged in); nil makes the connector wait in Preparing for ConnectionTimeOut.
    public var remoteStartEV: EVCharacteristics?

    public init(reconnection: ReconnectionPolicy = .serverReconnectionTime, remoteStartEV: EVCharacteristics? = .typical) {
        self.reconnection = reconnection
        self.remoteStartEV = remoteStartEV
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
