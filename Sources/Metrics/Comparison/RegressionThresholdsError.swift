/// Why a `--max-regression` list could not be read.
public struct RegressionThresholdsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what was expected, naming the part of the list at fault.
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
