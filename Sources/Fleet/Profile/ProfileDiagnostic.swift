/// One thing wrong with a profile: where (file, line, column, JSON path), what was expected, what was found.
///
/// Its description reads `Profiles/x.json:12:18: $.sites[0].arrivals.hourly[3]: expected a number ≥ 0, found the number -2`.
public struct ProfileDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The file, as it was named to ``Profile/load(file:)``.
    public let file: String
    /// The JSON path of the value at fault, such as `$.sites[0].arrivals.hourly[3]`.
    public let path: String
    /// The 1-based line where the value at fault starts (or the syntax error is).
    public let line: Int
    /// The 1-based column, in bytes, where the value at fault starts (or the syntax error is).
    public let column: Int
    /// What the profile should have there.
    public let expected: String
    /// What it has instead.
    public let found: String

    /// The diagnostic on one line, as a compiler prints an error.
    public var description: String {
        "\(file):\(line):\(column): \(path): expected \(expected), found \(found)"
    }
}
