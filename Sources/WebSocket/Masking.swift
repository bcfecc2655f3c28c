/// The XOR mask of RFC 6455 §5.3, applied in place.
enum Masking {
    /// XORs `bytes` with `key` (four bytes in memory order, repeated), eight bytes at a time.
    ///
    /// Masking is its own inverse, so this both masks and unmasks.
    static func apply(key: UInt32, to bytes: UnsafeMutableRawBufferPointer) {
        // The key's four bytes twice, in memory order, whatever the machine's endianness.
        let wideKey = UInt64(key) | UInt64(key) << 32
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            bytes.storeBytes(of: word ^ wideKey, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        withUnsafeBytes(of: key) { keyBytes in
            while offset < bytes.count {
                bytes[offset] ^= keyBytes[offset & 3]
                offset += 1
            }
        }
    }
}
