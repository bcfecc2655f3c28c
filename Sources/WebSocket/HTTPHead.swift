/// An HTTP/1.1 request or status line with its header fields, as far as the upgrade needs them.
///
/// Parsed on bytes rather than `String`: grapheme-aware string processing made the handshake cost
/// several times more, and header fields are ASCII by RFC 9110.
struct HTTPHead {
    private let bytes: [UInt8]
    private let startLineRange: Range<Int>
    /// Where each field's name and value (without surrounding spaces) lie in `bytes`.
    private var fields: [(name: Range<Int>, value: Range<Int>)] = []

    /// Parses a head that ends with its blank line; `nil` when it is not well-formed.
    init?(_ bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Range<Int>] = []
        var lineStart = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\r"), bytes[index + 1] == UInt8(ascii: "\n") {
                lines.append(lineStart..<index)
                index += 2
                lineStart = index
            } else {
                index += 1
            }
        }
        guard let first = lines.first, !first.isEmpty else { return nil }
        startLineRange = first
        for line in lines.dropFirst() where !line.isEmpty {
            // Obsolete line folding and spaces before the colon are refused, as RFC 9112 §5 asks.
            guard !Self.isSpace(bytes[line.lowerBound]),
                let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound,
                !Self.isSpace(bytes[colon - 1])
            else { return nil }
            fields.append((line.lowerBound..<colon, trimmed(colon + 1..<line.upperBound)))
        }
    }

    /// The request line or status line.
    var startLine: String { String(decoding: bytes[startLineRange], as: UTF8.self) }

    /// The start line's parts between single spaces, the last one holding the rest after `maxSplits`.
    func startLineParts(maxSplits: Int) -> [String] {
        bytes[startLineRange].split(separator: UInt8(ascii: " "), maxSplits: maxSplits, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of the first field named `name` (given in lowercase, matched case-insensitively).
    func value(_ name: String) -> String? {
        fields.first { matches($0.name, name) }.map { String(decoding: bytes[$0.value], as: UTF8.self) }
    }

    /// The comma-separated elements of every field named `name` (given in lowercase), trimmed.
    func elements(_ name: String) -> [String] {
        var elements: [String] = []
        forEachElement(name) { elements.append(String(decoding: bytes[$0], as: UTF8.self)) }
        return elements
    }

    /// Whether a field named `name` lists `token`, case-insensitively (`Connection: keep-alive, Upgrade`).
    /// Both are given in lowercase.
    func lists(_ name: String, token: String) -> Bool {
        var found = false
        forEachElement(name) { found = found || Self.equalsIgnoringASCIICase(bytes[$0], token) }
        return found
    }

    /// Calls `body` with where each non-empty comma-separated element of the fields named `name` lies.
    private func forEachElement(_ name: String, _ body: (Range<Int>) -> Void) {
        for field in fields where matches(field.name, name) {
            var start = field.value.lowerBound
            for index in field.value.lowerBound...field.value.upperBound
            where index == field.value.upperBound || bytes[index] == UInt8(ascii: ",") {
                let element = trimmed(start..<index)
                if !element.isEmpty { body(element) }
                start = index + 1
            }
        }
    }

    private func matches(_ range: Range<Int>, _ lowercase: String) -> Bool {
        Self.equalsIgnoringASCIICase(bytes[range], lowercase)
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Whether `bytes` spell `lowercase` (all lowercase ASCII) ignoring ASCII case, without allocating.
    static func equalsIgnoringASCIICase(_ bytes: some Collection<UInt8>, _ lowercase: String) -> Bool {
        // Most fields compared are other fields: their length tells at once.
        guard bytes.count == lowercase.utf8.count else { return false }
        return bytes.elementsEqual(lowercase.utf8) { byte, expected in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == expected
        }
    }

    /// Finds where a head ends in a stream: feed bytes until it reports the blank line.
    struct EndFinder {
        /// How much of `\r\n\r\n` the bytes seen so far end with.
        private var matched = 0

        /// The offset just past the blank line in `bytes`, or `nil` when it is not there yet.
        mutating func end(in bytes: UnsafeRawBufferPointer) -> Int? {
            for index in bytes.indices {
                let expected: UInt8 = matched % 2 == 0 ? UInt8(ascii: "\r") : UInt8(ascii: "\n")
                if bytes[index] == expected {
                    matched += 1
                    if matched == 4 { return index + 1 }
                } else {
                    matched = bytes[index] == UInt8(ascii: "\r") ? 1 : 0
                }
            }
            return nil
        }

        /// Restores the finder's state after a head kept across reads; its last three bytes decide it.
        init(after bytes: [UInt8] = []) {
            _ = Array(bytes.suffix(3)).withUnsafeBytes { end(in: $0) }
        }
    }
}
