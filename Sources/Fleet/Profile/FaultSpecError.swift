/// A `--fault` that does not follow the grammar: what was expected, and where.
public struct FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole specification as given.
    public let spec: String
    /// What was expected instead, for a person.
    public let expected: String

    public var description: String {
        "\"\(spec)\": expected \(expected)"
    }
}
