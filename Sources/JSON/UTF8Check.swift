/// The UTF-8 check of JSON strings (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
enum UTF8Check {
    /// The offset of the first byte of `count` bytes at `start` that does not begin or continue a
    /// well-formed sequence; nil when they are all well-formed.
    static func firstInvalid(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var i = 0
        while i < count {
            let b0 = start[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + 1 < count, (lower...upper).contains(start[i + 1]) else { return i + 1 < count ? i + 1 : i }
            var k = 2
            while k < length {
                guard i + k < count, start[i + k] & 0xC0 == 0x80 else { return i + k < count ? i + k : i }
                k += 1
            }
            i += length
        }
        return nil
    }
}
