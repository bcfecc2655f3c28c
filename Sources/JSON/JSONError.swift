/// JSON text that breaks RFC 8259's grammar (or a limit of the reader): where, what the grammar wanted
/// there, and what the text has instead.
///
/// Its description reads `line 3, column 15: expected ',' or ']', found '2'`.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the text goes wrong.
    public let position: JSONPosition
    /// What the grammar allows there, in words: `',' or '}'`, `a value`, `valid UTF-8`.
    public let expected: String
    /// What is there instead: `'x'`, `a line break`, `the byte 0xFF`, `the end of the file`.
    public let found: String

    /// Creates an error.
    public init(position: JSONPosition, expected: String, found: String) {
        self.position = position
        self.expected = expected
        self.found = found
    }

    /// `line L, column C: expected …, found …`.
    public var description: String {
        "\(position): expected \(expected), found \(found)"
    }

    /// How a diagnostic names the byte at `offset`, or the end of the text.
    static func describe(_ offset: Int, in base: UnsafePointer<UInt8>, end: Int) -> String {
        guard offset < end else { return "the end of the file" }
        let byte = base[offset]
        switch byte {
        case 0x21..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x0A: return "a line break"
        case 0x20, 0x09, 0x0D: return "a space"
        default: return "the byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}
