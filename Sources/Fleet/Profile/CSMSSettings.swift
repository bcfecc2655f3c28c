/// How the embedded central system behaves towards the fleet.
public struct CSMSSettings: Sendable, Equatable {
    /// The HeartbeatInterval it gives in its BootNotification answers, in milliseconds.
    public var heartbeatIntervalMilliseconds: Int64
    /// How long it takes to answer a call, in milliseconds.
    public var answerDelayMilliseconds: Int64

    /// Heartbeats every 60 s (the Green'Up's default), answers at once.
    public static let standard = CSMSSettings(heartbeatIntervalMilliseconds: 60_000, answerDelayMilliseconds: 0)
}
