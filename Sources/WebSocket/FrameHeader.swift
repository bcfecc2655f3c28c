/// The fixed part of a frame (RFC 6455 §5.2), read from the first 2 to 14 bytes.
struct FrameHeader {
    var fin: Bool
    /// The three RSV bits, still in place (`0x70`); no extension is negotiated, so they must be zero.
    var reservedBits: UInt8
    /// The raw 4-bit opcode, which may be one RFC 6455 does not define.
    var opcode: UInt8
    /// The masking key in memory order, or `nil` for an unmasked frame.
    var maskingKey: UInt32?
    var payloadLength: UInt64
    /// How many bytes the header takes: 2, 4 or 10, plus 4 with a masking key.
    var length: Int

    /// The header's length once its first two bytes are known.
    static func length(firstTwoBytes second: UInt8) -> Int {
        let lengthBytes = switch second & 0x7F {
        case 126: 2
        case 127: 8
        default: 0
        }
        return 2 + lengthBytes + (second & 0x80 != 0 ? 4 : 0)
    }

    /// Parses a header from the start of `bytes`, or returns `nil` when they do not hold all of it yet.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> FrameHeader? {
        guard bytes.count >= 2 else { return nil }
        let first = bytes[0]
        let second = bytes[1]
        let length = length(firstTwoBytes: second)
        guard bytes.count >= length else { return nil }
        var payloadLength = UInt64(second & 0x7F)
        var offset = 2
        if payloadLength == 126 {
            payloadLength = UInt64(bytes[2]) << 8 | UInt64(bytes[3])
            offset = 4
        } else if payloadLength == 127 {
            payloadLength = 0
            for index in 2..<10 {
                payloadLength = payloadLength << 8 | UInt64(bytes[index])
            }
            offset = 10
        }
        let maskingKey = second & 0x80 != 0 ? bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self) : nil
        return FrameHeader(
            fin: first & 0x80 != 0, reservedBits: first & 0x70, opcode: first & 0x0F,
            maskingKey: maskingKey, payloadLength: payloadLength, length: length)
    }
}
