/// A JSON value read from text, with the position where it starts, so that whoever checks it can say
/// where a value is wrong. Objects keep their members in the order of the text, repeated names
/// included: the reader of a document decides what a repeated name means (a profile reports it).
public struct JSONNode: Sendable {
    /// The value, its children nodes themselves.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    /// What the node holds.
    public let value: Value
    /// Where its first byte is.
    public let position: JSONPosition

    /// Creates a node.
    public init(_ value: Value, at position: JSONPosition) {
        self.value = value
        self.position = position
    }

    /// The 1-based line of the value's first byte.
    public var line: Int { position.line }
    /// The 1-based column (in UTF-8 bytes) of the value's first byte.
    public var column: Int { position.column }

    /// Reads one JSON document, a value that only whitespace may follow, after an optional UTF-8 byte
    /// order mark (which positions do not count).
    /// - Parameters:
    ///   - bytes: the UTF-8 text.
    ///   - maxDepth: how many arrays and objects may be open at once.
    /// - Throws: ``JSONError`` at the first departure from RFC 8259, or for a number beyond `Double`'s
    ///   range or nesting beyond `maxDepth`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth) throws(JSONError) -> JSONNode {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return try JSONReader.withReader(over: bytes, in: start..<bytes.count, maxDepth: maxDepth) {
            (reader) throws(JSONError) -> JSONNode in
            var builder = TreeBuilder(lines: LineCounter(start: start))
            let root = try builder.value(&reader)
            try reader.expectEnd()
            return root
        }
    }
}

/// Builds ``JSONNode``s with a ``JSONReader``, counting lines once as it goes.
private struct TreeBuilder {
    var lines: LineCounter

    mutating func value(_ reader: inout JSONReader) throws(JSONError) -> JSONNode {
        let first = reader.peek()
        let position = lines.position(of: reader.index, in: reader.base)
        let value: JSONNode.Value
        switch first {
        case UInt8(ascii: "{"):
            var members: [(key: String, value: JSONNode)] = []
            var object = try reader.beginObject()
            while let key = try reader.nextMember(in: &object) {
                members.append((reader.text(of: key), try self.value(&reader)))
            }
            value = .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONNode] = []
            var array = try reader.beginArray()
            while try reader.nextElement(in: &array) {
                elements.append(try self.value(&reader))
            }
            value = .array(elements)
        case UInt8(ascii: "\""):
            value = .string(reader.string(try reader.readStringBytes()))
        case UInt8(ascii: "t"):
            try reader.expectLiteral("true")
            value = .bool(true)
        case UInt8(ascii: "f"):
            try reader.expectLiteral("false")
            value = .bool(false)
        case UInt8(ascii: "n"):
            try reader.expectLiteral("null")
            value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = reader.index
            let double = try reader.readNumber()
            guard double.isFinite else {
                throw reader.failure(.finiteNumber, at: start)
            }
            let text = String(decoding: UnsafeBufferPointer(start: reader.base + start, count: reader.index - start), as: UTF8.self)
            value = .number(JSONNumber(text: text, double: double))
        default:
            throw reader.failure(.value)
        }
        return JSONNode(value, at: position)
    }
}
