/// Why an SLO expression could not be read, and where.
public struct SLOParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression as given.
    public let expression: String
    /// The 1-based column (in characters) where reading failed.
    public let column: Int
    /// What was expected there.
    public let message: String

    /// The error on one line, then the expression with a caret under the column.
    public var description: String {
        "SLO '\(expression)', column \(column): \(message)\n  \(expression)\n  "
            + String(repeating: " ", count: column - 1) + "^"
    }
}
