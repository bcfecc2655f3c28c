/// SHA-1 (FIPS 180-4), needed only to compute `Sec-WebSocket-Accept`.
///
/// SHA-1 is broken for collision resistance; RFC 6455 uses it as a fixed transform that proves the
/// server read the client's key, not for security, so a small portable implementation is enough.
enum SHA1 {
    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The 20-byte digest of `message`.
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var state: State = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        let wholeBlocks = message.count / 64
        message.withUnsafeBytes { bytes in
            for block in 0..<wholeBlocks {
                compress(&state, UnsafeRawBufferPointer(rebasing: bytes[(block * 64)..<(block * 64 + 64)]))
            }
        }
        // The padding: the last partial block, 0x80, zeros, then the length in bits, in one or two blocks.
        var tail = Array(message[(wholeBlocks * 64)...])
        tail.append(0x80)
        tail.append(contentsOf: repeatElement(0, count: (tail.count <= 56 ? 56 : 120) - tail.count))
        let bitLength = UInt64(message.count) &* 8
        withUnsafeBytes(of: bitLength.bigEndian) { tail.append(contentsOf: $0) }
        tail.withUnsafeBytes { bytes in
            for block in 0..<(bytes.count / 64) {
                compress(&state, UnsafeRawBufferPointer(rebasing: bytes[(block * 64)..<(block * 64 + 64)]))
            }
        }

        var digest = [UInt8]()
        digest.reserveCapacity(20)
        for word in [state.0, state.1, state.2, state.3, state.4] {
            withUnsafeBytes(of: word.bigEndian) { digest.append(contentsOf: $0) }
        }
        return digest
    }

    /// Folds one 64-byte block into `state`.
    private static func compress(_ state: inout State, _ block: UnsafeRawBufferPointer) {
        // The message schedule lives on the stack: an array here would cost an allocation per block.
        state = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
            }
            for i in 16..<80 {
                w[i] = rotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], by: 1)
            }
            var (a, b, c, d, e) = state
            for i in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch i {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = rotateLeft(a, by: 5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, rotateLeft(b, by: 30), a, temp)
            }
            return (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
        }
    }

    private static func rotateLeft(_ value: UInt32, by count: UInt32) -> UInt32 {
        value << count | value >> (32 - count)
    }
}
