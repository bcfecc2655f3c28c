/// One EV's visit to a charging point, drawn from the profile before the run.
public struct PlannedSession: Sendable, Equatable {
    /// When the EV is plugged in, in milliseconds since the Unix epoch.
    public let arrival: Int64
    /// When it is unplugged, in milliseconds since the Unix epoch (possibly after the run ends).
    public let departure: Int64
    /// The charging point: 0 (right side) or 1 (left side of a 2 VE station).
    public let chargingPoint: Int
    /// The OCPP connectorId it plugs into: 1 or 3 for a T2S socket, 2 or 4 for a domestic one.
    public let connectorId: Int
    /// The energy the EV wants, in Wh.
    public let energyWh: Double
    /// The EV's power and phases.
    public let ev: EVType
    /// How the transaction starts.
    public let start: SessionStart
}

/// How a session's transaction starts.
public enum SessionStart: Sendable, Equatable {
    /// The driver swipes a badge (its idTag and what the CSMS will say of it).
    case badge(idTag: String, kind: BadgeKind)
    /// The station starts on plug-in with its default idTag, no badge.
    case plugAndCharge
    /// The CSMS sends RemoteStartTransaction with this idTag (a valid one: the driver's app account).
    case remote(idTag: String)
}
