/// One SLO checked against a report.
public struct SLOResult: Sendable, Equatable {
    /// The expression as given.
    public var expression: String
    /// Whether the measured value met the threshold; false when nothing could be measured.
    public var ok: Bool
    /// The measured value in the threshold's unit, or nil when there was nothing to measure.
    public var value: Double?
    /// The threshold's unit: `us`, `ms`, `s`, `%`, or empty for counts and rates.
    public var unit: String
    /// One line for people: the measured value against the threshold, or why nothing was measured.
    public var detail: String

    /// Makes a result from its parts.
    public init(expression: String, ok: Bool, value: Double?, unit: String, detail: String) {
        self.expression = expression
        self.ok = ok
        self.value = value
        self.unit = unit
        self.detail = detail
    }
}
