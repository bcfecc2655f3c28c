/// A value that does not read as its kind; ``expected`` says what would have been accepted.
public struct ValueError: Error, Equatable {
    public let expected: String

    public init(expected: String) {
        self.expected = expected
    }
}
