/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
///
/// RFC 6455 requires closing with 1007 on invalid text, and JSON's strings must be valid UTF-8;
/// `String(decoding:)` would repair either silently.
public enum UTF8Validation {
    /// Whether `bytes` are valid UTF-8; with `allowingIncompleteEnd`, they may end in the first bytes
    /// of a character whose rest is still to come.
    public static func isValid(_ bytes: UnsafeRawBufferPointer, allowingIncompleteEnd: Bool = false) -> Bool {
        firstInvalidByte(in: bytes, allowingIncompleteEnd: allowingIncompleteEnd) == nil
    }

    /// The offset of the first byte of `bytes` that does not begin or continue a well-formed character
    /// (the lead byte of a character cut short by the end), or `nil` when they are all valid UTF-8; with
    /// `allowingIncompleteEnd`, they may end in the first bytes of a character whose rest is still to come.
    public static func firstInvalidByte(
        in bytes: UnsafeRawBufferPointer, allowingIncompleteEnd: Bool = false
    ) -> Int? {
        let count = bytes.count
        var index = 0
        while index < count {
            // ASCII is the common case in OCPP's JSON: skip it eight bytes at a time.
            while index + 8 <= count,
                bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { return nil }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            let present = min(length, count - index)
            if present >= 2 {
                let second = bytes[index + 1]
                guard second >= lower, second <= upper else { return index + 1 }
            }
            for offset in 2..<max(present, 2) where bytes[index + offset] & 0xC0 != 0x80 {
                return index + offset
            }
            guard present == length || allowingIncompleteEnd else { return index }
            index += present
        }
        return nil
    }

    /// Where checking should resume after `bytes` were found valid with an incomplete end: the start
    /// of their last, possibly unfinished, character.
    public static func lastCodePointStart(in bytes: [UInt8]) -> Int {
        // A character is at most four bytes: if the last three are all continuation bytes, it is whole.
        for index in stride(from: bytes.count - 1, through: max(0, bytes.count - 3), by: -1)
        where bytes[index] & 0xC0 != 0x80 {
            return index
        }
        return bytes.count
    }
}
