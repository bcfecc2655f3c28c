/// JSON text that breaks RFC 8259's grammar (or a limit of the reader): where, what the grammar wanted
/// there, and what the text has instead.
///
/// Its description reads `line 3, column 15: expected ',' or ']', found '2'`. The error holds only small
/// codes and numbers, no `String`: readers throw it on hot paths with typed throws, where a large error
/// with strings would be built, copied and released at every throw, and its words are written only when
/// someone reads them.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    private let offset: Int
    private let line: UInt32
    private let column: UInt32
    /// What the grammar allows where the text goes wrong.
    public let expectation: Expectation
    /// The byte found there, or ``endOfText``.
    private let foundByte: UInt16

    private static let endOfText: UInt16 = 0x100

    /// Creates the error for the byte at `offset` of `base[..<end]`, whose text starts at `start`.
    init(_ expectation: Expectation, at offset: Int, in base: UnsafePointer<UInt8>, start: Int, end: Int) {
        let position = JSONPosition.of(offset, in: base, from: start)
        self.offset = position.offset
        line = UInt32(clamping: position.line)
        column = UInt32(clamping: position.column)
        self.expectation = expectation
        foundByte = offset < end ? UInt16(base[offset]) : Self.endOfText
    }

    /// Where the text goes wrong (a line or column beyond 2^32 - 1 reads as that).
    public var position: JSONPosition {
        JSONPosition(offset: offset, line: Int(line), column: Int(column))
    }

    /// What the grammar allows there, in words: `',' or '}'`, `a value`, `valid UTF-8`.
    public var expected: String { expectation.description }

    /// What is there instead: `'x'`, `a line break`, `the byte 0xFF`, `the end of the file`.
    public var found: String {
        guard foundByte != Self.endOfText else { return "the end of the file" }
        let byte = UInt8(foundByte)
        switch byte {
        case 0x21..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x0A: return "a line break"
        case 0x20, 0x09, 0x0D: return "a space"
        default: return "the byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    /// `line L, column C: expected …, found …`.
    public var description: String {
        "\(position): expected \(expected), found \(found)"
    }
}

extension JSONError {
    /// What the grammar (or a limit) wants where text goes wrong: a code, put into words by
    /// ``description`` only when asked.
    public struct Expectation: Sendable, Equatable, CustomStringConvertible {
        private enum Code: UInt8 {
            case endOfDocument, value, object, array, string, boolean, digit, nesting
            case memberSeparator, elementSeparator, memberName, colon
            case closingQuote, closingQuoteOrEscapedControl, escape, escapeLetter, hexDigits
            case lowSurrogate, wholeScalar, utf8, finiteNumber, noDigitAfterLeadingZero, words
        }

        private let code: Code
        private let limit: Int32
        private let words: StaticString

        private init(_ code: Code, limit: Int32 = 0, words: StaticString = "") {
            self.code = code
            self.limit = limit
            self.words = words
        }

        /// What a reader built on this one wants, in its own words (`"the end of the line"`): a static
        /// text, so that the error stays free of anything to retain or release.
        public static func words(_ words: StaticString) -> Expectation {
            Expectation(.words, words: words)
        }

        public static func == (lhs: Expectation, rhs: Expectation) -> Bool {
            lhs.code == rhs.code && lhs.limit == rhs.limit && lhs.words.description == rhs.words.description
        }

        /// Nothing but whitespace after the document's value.
        public static let endOfDocument = Expectation(.endOfDocument)
        /// Any JSON value.
        public static let value = Expectation(.value)
        /// An object's `{`.
        public static let object = Expectation(.object)
        /// An array's `[`.
        public static let array = Expectation(.array)
        /// A string's opening quote.
        public static let string = Expectation(.string)
        /// `true` or `false`.
        public static let boolean = Expectation(.boolean)
        /// A digit of a number.
        public static let digit = Expectation(.digit)
        /// `,` or `}` after an object's member.
        public static let memberSeparator = Expectation(.memberSeparator)
        /// `,` or `]` after an array's element.
        public static let elementSeparator = Expectation(.elementSeparator)
        /// A member's name in double quotes.
        public static let memberName = Expectation(.memberName)
        /// The `:` after a member's name.
        public static let colon = Expectation(.colon)
        /// The quote that closes a string.
        public static let closingQuote = Expectation(.closingQuote)
        /// The closing quote, where a string holds a raw control character.
        public static let closingQuoteOrEscapedControl = Expectation(.closingQuoteOrEscapedControl)
        /// Something after a backslash.
        public static let escape = Expectation(.escape)
        /// One of the escape letters after a backslash.
        public static let escapeLetter = Expectation(.escapeLetter)
        /// The four hexadecimal digits of `\u`.
        public static let hexDigits = Expectation(.hexDigits)
        /// The `\uDC00`–`\uDFFF` that must follow a high surrogate.
        public static let lowSurrogate = Expectation(.lowSurrogate)
        /// A Unicode scalar rather than a lone low surrogate.
        public static let wholeScalar = Expectation(.wholeScalar)
        /// Well-formed UTF-8.
        public static let utf8 = Expectation(.utf8)
        /// A number that a finite `Double` holds.
        public static let finiteNumber = Expectation(.finiteNumber)
        /// The end of a number that starts with 0 (JSON writes no leading zero).
        public static let noDigitAfterLeadingZero = Expectation(.noDigitAfterLeadingZero)

        /// No more than `maxDepth` arrays and objects open at once.
        public static func nesting(atMost maxDepth: Int) -> Expectation {
            Expectation(.nesting, limit: Int32(clamping: maxDepth))
        }

        /// The expectation in words, as an error message gives it.
        public var description: String {
            switch code {
            case .endOfDocument: "the end of the document"
            case .value: "a value"
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .boolean: "true or false"
            case .digit: "a digit"
            case .nesting: "at most \(limit) nested arrays or objects"
            case .memberSeparator: "',' or '}'"
            case .elementSeparator: "',' or ']'"
            case .memberName: "a member name in double quotes"
            case .colon: "':' after the member name"
            case .closingQuote: "'\"' to close the string"
            case .closingQuoteOrEscapedControl: "'\"' to close the string, or an escaped control character"
            case .escape: "an escape sequence"
            case .escapeLetter: #"one of \" \\ \/ \b \f \n \r \t \u"#
            case .hexDigits: "four hexadecimal digits"
            case .lowSurrogate: "the low half of a UTF-16 surrogate pair"
            case .wholeScalar: "a Unicode scalar, not half a surrogate pair"
            case .utf8: "valid UTF-8"
            case .finiteNumber: "a number within ±1.8e308"
            case .noDigitAfterLeadingZero: "no digit after a leading 0"
            case .words: words.description
            }
        }
    }
}
