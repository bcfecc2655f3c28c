/// An HTTP/1.1 request or status line with its header fields, as far as the upgrade needs them.
struct HTTPHead {
    /// The request line or status line.
    var startLine: Substring
    /// Header fields in order, names as sent, values without surrounding spaces.
    var fields: [(name: Substring, value: Substring)]

    /// Parses a head that ends with its blank line; `nil` when it is not well-formed.
    init?(_ bytes: UnsafeRawBufferPointer) {
        // Header fields are ASCII by RFC 9110; other bytes are kept but only compared, never interpreted.
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), !first.isEmpty else { return nil }
        startLine = first
        fields = []
        for line in lines where !line.isEmpty {
            // Obsolete line folding and spaces before the colon are refused, as RFC 9112 §5 asks.
            guard let colon = line.firstIndex(of: ":"), line.first != " ", line.first != "\t" else { return nil }
            let name = line[..<colon]
            guard !name.isEmpty, name.last != " ", name.last != "\t" else { return nil }
            fields.append((name, line[line.index(after: colon)...].trimmingSpaces()))
        }
    }

    /// The value of the only field named `name` (case-insensitively), or `nil` when absent.
    func value(_ name: String) -> Substring? {
        fields.first { $0.name.lowercased() == name }?.value
    }

    /// The comma-separated elements of every field named `name`, trimmed.
    func elements(_ name: String) -> [Substring] {
        fields.filter { $0.name.lowercased() == name }
            .flatMap { $0.value.split(separator: ",").map { $0.trimmingSpaces() } }
            .filter { !$0.isEmpty }
    }

    /// Whether a field named `name` lists `token`, case-insensitively (`Connection: keep-alive, Upgrade`).
    func lists(_ name: String, token: String) -> Bool {
        elements(name).contains { $0.lowercased() == token }
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

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
