/// A cursor over the UTF-8 bytes of JSON text (RFC 8259), reading one token at a time without building
/// anything it is not asked for: the package's one JSON reader. OCPP's typed payloads read frames with
/// it directly (no tree, no `String` per member name); ``JSONNode`` builds a tree with it for files.
///
/// It checks the grammar, UTF-8 (RFC 8259 §8.1: text exchanged is UTF-8, and a string must hold Unicode
/// scalars, so an unpaired surrogate escape is refused too) and nesting up to ``maxDepth``, and reports
/// each departure as a ``JSONError`` that says where and what was expected there. It does not look for
/// repeated member names: the code that reads an object's members decides (OCPP refuses them field by
/// field, a profile reports them, ``JSONNode`` keeps them in order).
///
/// A reader points into bytes it does not own: it lives inside ``withReader(over:in:maxDepth:_:)`` (or
/// a caller's own `withUnsafeBufferPointer`). Reads past the end see a 0 byte, which no valid JSON token
/// contains, so every malformed input ends in an error rather than an out-of-bounds access.
public struct JSONReader {
    /// The first byte of the buffer; offsets are counted from it.
    public let base: UnsafePointer<UInt8>
    /// Where the text starts: error positions count lines and columns from here.
    public let start: Int
    /// Where the text ends (exclusive).
    public let end: Int
    /// The offset of the next byte to read.
    public var index: Int
    /// How many arrays and objects may be open at once.
    public var maxDepth: Int
    /// How many arrays and objects are open.
    public var depth: Int { openContainers }
    @usableFromInline var openContainers = 0

    /// The default nesting bound: deep enough for any document of ours, shallow enough that a reader
    /// recursing per level stays far from the stack's end.
    @inlinable
    public static var defaultMaxDepth: Int { 64 }

    /// A reader over `base[start..<end]`, which the caller keeps alive while the reader is used.
    @inlinable
    public init(base: UnsafePointer<UInt8>, start: Int, end: Int, maxDepth: Int = JSONReader.defaultMaxDepth) {
        self.base = base
        self.start = start
        self.end = end
        self.index = start
        self.maxDepth = maxDepth
    }

    /// Runs `body` with a reader over `bytes[range]` (all of them by default).
    @inlinable
    public static func withReader<Result, Failure: Error>(
        over bytes: [UInt8], in range: Range<Int>? = nil, maxDepth: Int = JSONReader.defaultMaxDepth,
        _ body: (inout JSONReader) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let range = range ?? bytes.indices
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> Result in
            guard let base = buffer.baseAddress else {
                // An empty array may have no storage: read a text of nothing from a byte of our own.
                var nothing: UInt8 = 0
                return try withUnsafePointer(to: &nothing) { (pointer) throws(Failure) -> Result in
                    var reader = JSONReader(base: pointer, start: 0, end: 0, maxDepth: maxDepth)
                    return try body(&reader)
                }
            }
            var reader = JSONReader(base: base, start: range.lowerBound, end: range.upperBound, maxDepth: maxDepth)
            return try body(&reader)
        }
    }

    /// Where an object or array is in its members, so that separators are checked.
    public struct Container {
        @usableFromInline var isFirst = true

        @inlinable
        init() {}
    }

    /// A member name, still in the input: compared without building a `String`.
    public struct Key {
        /// Where the name's bytes start in the input (when it had no escape).
        public let start: Int
        /// How many bytes the name has, escapes decoded.
        public let count: Int
        /// The decoded name, when it had escapes.
        public let unescaped: [UInt8]?

        @inlinable
        init(_ bytes: StringBytes) {
            switch bytes {
            case .input(let start, let count):
                self.start = start
                self.count = count
                unescaped = nil
            case .decoded(let decoded):
                start = 0
                count = decoded.count
                unescaped = decoded
            }
        }
    }

    /// The contents of a string value: a slice of the input, or a decoded copy when it had escapes.
    public enum StringBytes {
        /// The bytes at `start..<start + count` of the input, as they are.
        case input(start: Int, count: Int)
        /// The string's bytes with its escapes decoded.
        case decoded([UInt8])
    }

    /// The byte at `position`, or 0 past the end.
    @inlinable @inline(__always)
    public func byte(_ position: Int) -> UInt8 {
        position < end ? base[position] : 0
    }

    /// The next byte that is not whitespace, or 0 at the end; consumes the whitespace.
    @inlinable
    public mutating func peek() -> UInt8 {
        skipWhitespace()
        return byte(index)
    }

    /// Consumes spaces, tabs, line breaks and carriage returns.
    @inlinable @inline(__always)
    public mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Whether only whitespace is left.
    public var isAtEnd: Bool {
        mutating get {
            skipWhitespace()
            return index >= end
        }
    }

    /// Checks that nothing but whitespace follows the value just read.
    @inlinable
    public mutating func expectEnd() throws(JSONError) {
        guard isAtEnd else { throw failure(.endOfDocument) }
    }

    /// The error for the byte at the cursor (or at `offset`): the grammar wanted `expected` there.
    /// Kept out of line, so that the many throws inlined into callers cost them a call, not its body.
    @inline(never)
    public func failure(_ expected: JSONError.Expectation, at offset: Int? = nil) -> JSONError {
        JSONError(expected, at: offset ?? index, in: base, start: start, end: end)
    }

    /// The error for the byte at the cursor (or at `offset`), the grammar's wish in a reader's own words.
    public func failure(expected words: StaticString, at offset: Int? = nil) -> JSONError {
        failure(.words(words), at: offset)
    }

    // MARK: Containers

    /// Consumes the `{` that opens an object (after any whitespace).
    @inlinable
    public mutating func beginObject() throws(JSONError) -> Container {
        guard peek() == UInt8(ascii: "{") else { throw failure(.object) }
        try enter()
        return Container()
    }

    /// Consumes the `[` that opens an array (after any whitespace).
    @inlinable
    public mutating func beginArray() throws(JSONError) -> Container {
        guard peek() == UInt8(ascii: "[") else { throw failure(.array) }
        try enter()
        return Container()
    }

    @inlinable
    mutating func enter() throws(JSONError) {
        guard depth < maxDepth else { throw failure(.nesting(atMost: maxDepth)) }
        openContainers += 1
        index += 1
    }

    /// The next member's name, with its colon consumed (its value follows); nil once the object's `}`
    /// is consumed.
    @inlinable
    public mutating func nextMember(in object: inout Container) throws(JSONError) -> Key? {
        guard try step(in: &object, closedBy: UInt8(ascii: "}"), separatorMissing: .memberSeparator) else {
            return nil
        }
        guard peek() == UInt8(ascii: "\"") else { throw failure(.memberName) }
        let key = Key(try readStringBytes())
        guard peek() == UInt8(ascii: ":") else { throw failure(.colon) }
        index += 1
        return key
    }

    /// Whether another element follows (its separator consumed); false once `]` is consumed.
    @inlinable
    public mutating func nextElement(in array: inout Container) throws(JSONError) -> Bool {
        try step(in: &array, closedBy: UInt8(ascii: "]"), separatorMissing: .elementSeparator)
    }

    /// Consumes `container`'s closing byte (false) or, past its first item, the comma before the next (true).
    @inlinable @inline(__always)
    mutating func step(
        in container: inout Container, closedBy closing: UInt8, separatorMissing: JSONError.Expectation
    ) throws(JSONError) -> Bool {
        if peek() == closing {
            index += 1
            openContainers -= 1
            return false
        }
        if container.isFirst {
            container.isFirst = false
        } else {
            guard byte(index) == UInt8(ascii: ",") else { throw failure(separatorMissing) }
            index += 1
        }
        return true
    }

    /// Whether `key` is exactly `name`.
    @inlinable @inline(__always)
    public func matches(_ key: Key, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        if let unescaped = key.unescaped {
            return unescaped.withUnsafeBufferPointer { Self.bytesEqual($0.baseAddress!, name.utf8Start, key.count) }
        }
        return Self.bytesEqual(base + key.start, name.utf8Start, key.count)
    }

    /// The member name as a string.
    @inlinable
    public func text(of key: Key) -> String {
        if let unescaped = key.unescaped { return String(decoding: unescaped, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(start: base + key.start, count: key.count), as: UTF8.self)
    }

    // MARK: Scalars

    /// Whether the text at the cursor is `literal`.
    @inlinable
    public func matchesLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        return end - index >= count && Self.bytesEqual(base + index, literal.utf8Start, count)
    }

    /// Consumes `literal` (`true`, `false`, `null`), or fails at its first byte that differs.
    public mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        for offset in 0..<literal.utf8CodeUnitCount {
            guard byte(index) == literal.utf8Start[offset] else { throw failure(.value) }
            index += 1
        }
    }

    /// A `true` or `false` (after any whitespace).
    @inlinable
    public mutating func readBool() throws(JSONError) -> Bool {
        skipWhitespace()
        if matchesLiteral("true") {
            index += 4
            return true
        }
        if matchesLiteral("false") {
            index += 5
            return false
        }
        throw failure(.boolean)
    }

    /// A string (after any whitespace).
    public mutating func readString() throws(JSONError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw failure(.string) }
        return string(try readStringBytes())
    }

    /// The text of string bytes read from this reader's input.
    @inlinable
    public func string(_ bytes: StringBytes) -> String {
        switch bytes {
        case .input(let start, let count):
            String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
        case .decoded(let decoded):
            String(decoding: decoded, as: UTF8.self)
        }
    }

    /// Runs `body` over string bytes read from this reader's input, without copying them.
    @inlinable
    public func withBytes<Result>(of bytes: StringBytes, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch bytes {
        case .input(let start, let count): body(UnsafeBufferPointer(start: base + start, count: count))
        case .decoded(let decoded): decoded.withUnsafeBufferPointer(body)
        }
    }

    // MARK: Validation

    /// Checks the grammar of one value of any shape (and its UTF-8), within ``maxDepth``. Recursion is
    /// bounded by the nesting bound, so hostile nesting ends in an error, not a stack overflow. Allocates
    /// nothing unless a string has escapes.
    public mutating func skipValue() throws(JSONError) {
        switch peek() {
        case UInt8(ascii: "{"):
            var object = try beginObject()
            while try nextMember(in: &object) != nil {
                try skipValue()
            }
        case UInt8(ascii: "["):
            var array = try beginArray()
            while try nextElement(in: &array) {
                try skipValue()
            }
        case UInt8(ascii: "\""):
            _ = try readStringBytes()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
        case UInt8(ascii: "f"):
            try expectLiteral("false")
        case UInt8(ascii: "n"):
            try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try readNumberText()
        default:
            throw failure(.value)
        }
    }

    // MARK: Bytes

    /// Whether `byte` is an ASCII digit.
    @inlinable @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Whether `count` bytes at `a` and `b` are the same.
    @inlinable @inline(__always)
    public static func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }
}
