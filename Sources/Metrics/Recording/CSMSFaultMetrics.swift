/// What was recorded about frames from the CSMS that the stations could not take as OCPP-J answers or
/// requests: a misbehaving CSMS shows here rather than only in its calls' CallErrors.
public struct CSMSFaultMetrics: Sendable, Equatable {
    /// Frames the stations refused, by the CallError code they refused them with (`FormationViolation`,
    /// `NotImplemented`, `ProtocolError`…): text that is not OCPP-J, unknown actions, CALLs breaking the schema.
    /// A CALLRESULT whose payload breaks its schema counts here and as its CALL's CallError.
    public var badFrames = BoundedCounts()
    /// CALLRESULTs and CALLERRORs that matched no CALL in flight.
    public var unmatchedAnswers: UInt64 = 0

    /// Makes an empty record.
    public init() {}

    /// Whether nothing was recorded.
    public var isEmpty: Bool { badFrames.total == 0 && unmatchedAnswers == 0 }

    /// Adds the counts of `other`.
    public mutating func merge(_ other: CSMSFaultMetrics) {
        badFrames.merge(other.badFrames)
        unmatchedAnswers &+= other.unmatchedAnswers
    }
}
