/// A profile that cannot be used, with every ``ProfileDiagnostic`` found in it.
public struct ProfileError: Error, Sendable, CustomStringConvertible {
    /// Every problem, in the order of the file.
    public let diagnostics: [ProfileDiagnostic]

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
