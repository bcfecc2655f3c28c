/// Writes JSON text as UTF-8 bytes: the package's one JSON writer, so that strings are escaped and
/// numbers formatted in one place, the same way in an OCPP frame and in a report.
///
/// Compact by default, appending to an array that the caller may reuse from one message to the next,
/// so that encoding a hot message allocates nothing once the array has grown. ``indented()`` lays the
/// same calls out for people: two spaces per level, `"name": value`, and arrays opened with
/// `oneLine: true` on one line (long runs of small rows).
///
/// Numbers: integers as their digits; a `Double` that is whole and below 10^15 in magnitude as an
/// integer (`-0.0` as `0`), any other finite one as the shortest text that reads back as the same
/// `Double` (`0.1`, `1e+16`); JSON has no infinity or NaN, so those are written `null`.
/// Strings: `"` and `\` escaped, `\n`, `\r`, `\t` and the other control characters as `\u00XX`;
/// everything else, `/` and non-ASCII included, as it is.
public struct JSONWriter {
    /// The bytes written so far.
    public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8]
    /// Whether the next member or element needs a comma before it.
    @usableFromInline var needsComma = false
    /// Whether the layout is for people (``indented()``).
    @usableFromInline let isIndented: Bool
    /// Whether a member name was just written, so that its value goes on the same line.
    @usableFromInline var afterKey = false
    /// How many arrays and objects are open.
    @usableFromInline var level = 0
    /// The level of the outermost array being written on one line; `Int.max` when there is none.
    @usableFromInline var oneLineLevel = Int.max

    /// Creates a compact writer that appends to `bytes`.
    @inlinable
    public init(appendingTo bytes: [UInt8] = []) {
        storage = bytes
        isIndented = false
    }

    private init(indentedAppendingTo bytes: [UInt8]) {
        storage = bytes
        isIndented = true
    }

    /// A writer that lays its text out for people.
    public static func indented() -> JSONWriter {
        JSONWriter(indentedAppendingTo: [])
    }

    /// Runs `body` with a compact writer that appends to `buffer` in place, without copying the buffer.
    @inlinable
    public static func append(to buffer: inout [UInt8], _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter()
        swap(&writer.storage, &buffer)
        body(&writer)
        swap(&writer.storage, &buffer)
    }

    /// The text written, as a string.
    public var text: String {
        String(decoding: storage, as: UTF8.self)
    }

    /// What comes before a value or a member name: a comma after a sibling, then, laid out for people,
    /// a line break and indentation.
    @inlinable @inline(__always)
    mutating func separate() {
        if needsComma { storage.append(UInt8(ascii: ",")) }
        if isIndented { breakLine() }
    }

    @usableFromInline
    mutating func breakLine() {
        if afterKey {
            afterKey = false
        } else if level > 0 && level < oneLineLevel {
            newLine(indent: level)
        }
    }

    @usableFromInline
    mutating func newLine(indent: Int) {
        storage.append(0x0A)
        storage.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// Opens an object; its members follow, each a `key` and a value.
    @inlinable
    public mutating func beginObject() {
        separate()
        storage.append(UInt8(ascii: "{"))
        needsComma = false
        level += 1
    }

    /// Closes the object opened last.
    @inlinable
    public mutating func endObject() {
        close(UInt8(ascii: "}"), opened: UInt8(ascii: "{"))
    }

    /// Opens an array; its elements follow. Laid out for people, `oneLine` keeps it, and everything
    /// in it, on one line.
    @inlinable
    public mutating func beginArray(oneLine: Bool = false) {
        separate()
        storage.append(UInt8(ascii: "["))
        needsComma = false
        level += 1
        if oneLine && level < oneLineLevel { oneLineLevel = level }
    }

    /// Closes the array opened last.
    @inlinable
    public mutating func endArray() {
        close(UInt8(ascii: "]"), opened: UInt8(ascii: "["))
    }

    @inlinable @inline(__always)
    mutating func close(_ bracket: UInt8, opened: UInt8) {
        if isIndented && level < oneLineLevel && storage.last != opened { newLine(indent: level - 1) }
        if level == oneLineLevel { oneLineLevel = .max }
        level -= 1
        storage.append(bracket)
        needsComma = true
    }

    /// Writes a member name and its colon; the value follows. Composed on the stack and appended at
    /// once: each separate `append` pays the array's capacity and uniqueness checks.
    @inlinable
    public mutating func key(_ name: StaticString) {
        let count = name.utf8CodeUnitCount
        guard count <= 28, !isIndented else {
            key(UnsafeBufferPointer(start: name.utf8Start, count: count))
            return
        }
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let comma = needsComma
        withUnsafeMutableBytes(of: &text) { raw in
            var position = 0
            if comma {
                raw[0] = UInt8(ascii: ",")
                position = 1
            }
            raw[position] = UInt8(ascii: "\"")
            UnsafeMutableRawBufferPointer(rebasing: raw[(position + 1)...])
                .copyMemory(from: UnsafeRawBufferPointer(start: name.utf8Start, count: count))
            position += 1 + count
            raw[position] = UInt8(ascii: "\"")
            raw[position + 1] = UInt8(ascii: ":")
            storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<(position + 2)]))
        }
        needsComma = false
    }

    /// Writes a member name, escaped as a string is, and its colon; the value follows.
    ///
    /// Disfavoured, so that a literal name (`key("connectorId")`) takes the `StaticString` overload: as a
    /// `String` it would be scanned for escapes and appended piece by piece, which made OCPP's encoding a
    /// third slower.
    @_disfavoredOverload
    public mutating func key(_ name: String) {
        var name = name
        name.withUTF8 { key($0) }
    }

    @usableFromInline
    mutating func key(_ utf8: UnsafeBufferPointer<UInt8>) {
        separate()
        appendQuoted(utf8)
        storage.append(UInt8(ascii: ":"))
        if isIndented {
            storage.append(UInt8(ascii: " "))
            afterKey = true
        }
        needsComma = false
    }

    /// Writes an integer.
    @inlinable
    public mutating func int(_ value: Int) {
        separate()
        needsComma = true
        appendDigits(of: value)
    }

    /// Writes an unsigned integer.
    public mutating func unsigned(_ value: UInt64) {
        separate()
        needsComma = true
        appendDigits(of: value, negative: false)
    }

    @inlinable
    mutating func appendDigits(of value: Int) {
        if value >= 0 && value < 10 {
            storage.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        appendDigits(of: UInt64(value.magnitude), negative: value < 0)
    }

    @inlinable
    mutating func appendDigits(of value: UInt64, negative: Bool) {
        var magnitude = value
        if negative { storage.append(UInt8(ascii: "-")) }
        // 20 digits hold UInt64.max; written backwards into a stack tuple, then appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// Writes a number: whole ones below 10^15 as integers, others as the shortest text that reads back
    /// as the same `Double`, infinities and NaN as `null`.
    @inlinable
    public mutating func double(_ value: Double) {
        separate()
        needsComma = true
        guard value.isFinite else {
            storage.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
            return
        }
        if value.magnitude < 1e15, Double(Int64(value)) == value {
            appendDigits(of: Int(value))
            return
        }
        // The shortest text that reads back as the same Double; it fits a small (inline) String.
        storage.append(contentsOf: value.description.utf8)
    }

    /// Writes `true` or `false`.
    @inlinable
    public mutating func bool(_ value: Bool) {
        separate()
        needsComma = true
        if value {
            storage.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            storage.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"),
                                      UInt8(ascii: "e")])
        }
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        needsComma = true
        storage.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    /// Writes a string, escaped.
    @inlinable
    public mutating func string(_ value: String) {
        separate()
        needsComma = true
        var value = value
        value.withUTF8 { utf8 in appendQuoted(utf8) }
    }

    /// Writes a string whose text `write` appends to the bytes, and which the caller knows needs no
    /// escape (a date-time, digits): it is not copied through a `String` first.
    @inlinable
    public mutating func unescapedString(_ write: (inout [UInt8]) -> Void) {
        separate()
        needsComma = true
        storage.append(UInt8(ascii: "\""))
        write(&storage)
        storage.append(UInt8(ascii: "\""))
    }

    /// Appends JSON text that is already valid, such as a payload read from a peer.
    @inlinable
    public mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        needsComma = true
        storage.append(contentsOf: json)
    }

    @inlinable
    mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        storage.append(UInt8(ascii: "\""))
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            storage.append(contentsOf: utf8)
            storage.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        for (position, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "\\") {
            storage.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
            runStart = position + 1
            storage.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): storage.append(byte)
            case 0x0A: storage.append(UInt8(ascii: "n"))
            case 0x0D: storage.append(UInt8(ascii: "r"))
            case 0x09: storage.append(UInt8(ascii: "t"))
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                storage.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        storage.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        storage.append(UInt8(ascii: "\""))
    }
}
