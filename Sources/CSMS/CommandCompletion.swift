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

/// How a command ended.
public enum CommandOutcome: Sendable, Equatable {
    /// The station answered with a valid CALLRESULT. `status` is the answer's `status` field
    /// (`Accepted`, `Rejected`, `NotSupported`…), or `Answered` for the answers that have none
    /// (GetConfiguration, GetDiagnostics, GetLocalListVersion, UpdateFirmware). `payload` is the whole
    /// answer, to decode with the command's response type.
    case answered(status: String, payload: JSONPayload)
    /// The station answered with a CALLERROR.
    case callError(CallErrorCode, description: String)
    /// The station's CALLRESULT did not match the action's response schema.
    case invalidAnswer(OCPPError)
    /// No answer within ``CSMSConfiguration/commandTimeout``.
    case timedOut
    /// The station disconnected before answering, or before the command could be sent.
    case lost

    /// The name counters use for this outcome: the status, or `CallError`, `InvalidAnswer`, `TimedOut`, `Lost`.
    public var name: String {
        switch self {
        case .answered(let status, _): status
        case .callError: "CallError"
        case .invalidAnswer: "InvalidAnswer"
        case .timedOut: "TimedOut"
        case .lost: "Lost"
        }
    }
}
