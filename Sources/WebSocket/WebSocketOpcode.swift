/// A frame's opcode (RFC 6455 §5.2).
enum WebSocketOpcode: UInt8 {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Control frames may not be fragmented and carry at most 125 bytes (§5.5).
    var isControl: Bool { rawValue & 0x8 != 0 }
}
