public import OCPP

/// How a command the CSMS sent to a station ended.
public struct CommandCompletion: Sendable, Equatable {
    /// The station it was sent to.
    public var station: StationHandle
    /// The station's id.
    public var stationID: String
    /// The CALL's message id, as ``CentralSystem/send(_:to:now:into:)`` returned it.
    public var messageId: String
    /// The command's action.
    public var action: Action
    /// How it ended.
    public var outcome: CommandOutcome
    /// When the CALL was sent, in milliseconds since the Unix epoch.
    public var sentAt: Int64
    /// When it ended, in milliseconds since the Unix epoch.
    public var endedAt: Int64
}
