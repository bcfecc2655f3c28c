import Basics

/// Appends frames to a caller's buffer, so that sending needs no allocation of its own.
enum FrameWriter {
    /// Appends one frame carrying `payload`, masked with `maskingKey` when there is one (client frames).
    static func append(
        opcode: WebSocketOpcode, fin: Bool = true, payload: UnsafeRawBufferPointer, maskingKey: UInt32?,
        to output: inout [UInt8]
    ) {
        // No reserveCapacity here: growing by exactly one frame each time would defeat the array's
        // geometric growth and copy the loop's whole output buffer on every append.
        let count = payload.count
        output.append((fin ? 0x80 : 0) | opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        switch count {
        case ..<126:
            output.append(maskBit | UInt8(count))
        case ..<65536:
            output.append(maskBit | 126)
            output.append(UInt8(truncatingIfNeeded: count >> 8))
            output.append(UInt8(truncatingIfNeeded: count))
        default:
            output.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: UInt64(count) >> UInt64(shift)))
            }
        }
        guard let maskingKey else {
            output.append(contentsOf: payload)
            return
        }
        withUnsafeBytes(of: maskingKey) { output.append(contentsOf: $0) }
        let start = output.count
        output.append(contentsOf: payload)
        output.withUnsafeMutableBytes { bytes in
            Masking.apply(key: maskingKey, to: UnsafeMutableRawBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Appends a close frame: the code in network order, then the reason, cut to fit 125 bytes.
    static func appendClose(
        code: WebSocketCloseCode?, reason: String, maskingKey: UInt32?, to output: inout [UInt8]
    ) {
        var body = [UInt8]()
        if let code {
            body = [UInt8(truncatingIfNeeded: code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
            var reasonBytes = Array(reason.utf8.prefix(123))
            // Never cut a character in two: a peer would close with 1007 on our reason.
            while !reasonBytes.isEmpty, !reasonBytes.withUnsafeBytes({ UTF8Validation.isValid($0) }) {
                reasonBytes.removeLast()
            }
            body += reasonBytes
        }
        body.withUnsafeBytes { append(opcode: .close, payload: $0, maskingKey: maskingKey, to: &output) }
    }
}
