public import OCPP

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
