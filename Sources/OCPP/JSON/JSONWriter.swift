/// Writes compact JSON text as UTF-8 bytes, appending to an array that the caller may reuse from one
/// message to the next, so that encoding a hot message allocates nothing once the array has grown.
public struct JSONWriter {
    /// The bytes written so far.
    public internal(set) var bytes: [UInt8]
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    /// Creates a writer that appends to `bytes`.
    public init(appendingTo bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// Runs `body` with a writer that appends to `buffer` in place, without copying the buffer.
    static func append(to buffer: inout [UInt8], _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter()
        swap(&writer.bytes, &buffer)
        body(&writer)
        swap(&writer.bytes, &buffer)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name and its colon; the value follows. Composed on the stack and appended at
    /// once: each separate `append` pays the array's capacity and uniqueness checks.
    mutating func key(_ name: StaticString) {
        let count = name.utf8CodeUnitCount
        guard count <= 28 else {
            separate()
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: count))
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            needsComma = false
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
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<(position + 2)]))
        }
        needsComma = false
    }

    mutating func int(_ value: Int) {
        separate()
        needsComma = true
        appendDigits(of: value)
    }

    private mutating func appendDigits(of value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // 20 digits hold UInt64.max; written backwards into a stack tuple, then appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    mutating func double(_ value: Double) {
        separate()
        needsComma = true
        guard value.isFinite else {
            // JSON has no infinity or NaN; such a value is a bug upstream, and 0 keeps the frame valid.
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value.magnitude < 1e15, Double(Int64(value)) == value {
            appendDigits(of: Int(value))
            return
        }
        // The shortest text that reads back as the same Double; it fits a small (inline) String.
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func bool(_ value: Bool) {
        separate()
        needsComma = true
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"),
                                      UInt8(ascii: "e")])
        }
    }

    mutating func string(_ value: String) {
        separate()
        needsComma = true
        var value = value
        value.withUTF8 { utf8 in appendQuoted(utf8) }
    }

    mutating func enumValue(_ value: some RawRepresentable<String>) {
        string(value.rawValue)
    }

    mutating func dateTime(_ value: OCPPDateTime) {
        separate()
        needsComma = true
        bytes.append(UInt8(ascii: "\""))
        value.write(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends JSON text that is already valid, such as a payload read from a peer.
    mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        needsComma = true
        bytes.append(contentsOf: json)
    }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        for (position, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
            runStart = position + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }
}
