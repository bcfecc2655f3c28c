import Basics

extension JSONReader {
    @inlinable @inline(__always)
    static var everyByte: UInt64 { 0x0101_0101_0101_0101 }

    /// The contents of the string whose opening quote is at the cursor, escapes decoded, UTF-8 checked.
    /// A string without escapes is not copied: it is a slice of the input.
    @inlinable
    public mutating func readStringBytes() throws(JSONError) -> StringBytes {
        index += 1  // the opening quote, checked by the caller
        let start = index
        // Eight bytes at a time while none is a quote, a backslash or a control character (SWAR), every
        // byte OR-ed: bit 7 set means non-ASCII text whose UTF-8 must be checked.
        var seen: UInt64 = 0
        while end - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (0x22 &* Self.everyByte)
            let backslash = word ^ (0x5C &* Self.everyByte)
            let special = ((quote &- Self.everyByte) & ~quote) | ((backslash &- Self.everyByte) & ~backslash)
                | ((word &- 0x20 &* Self.everyByte) & ~word)
            if special & (0x80 &* Self.everyByte) != 0 { break }
            seen |= word
            index += 8
        }
        while index < end {
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                let count = index - start
                index += 1
                if seen & (0x80 &* Self.everyByte) != 0 { try checkUTF8(start..<start + count) }
                return .input(start: start, count: count)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            seen |= UInt64(b)
            index += 1
        }
        return try readEscapedString(from: start)
    }

    /// The rest of a string that has an escape (or is malformed), from `start`, its first byte.
    @usableFromInline
    mutating func readEscapedString(from start: Int) throws(JSONError) -> StringBytes {
        var decoded = [UInt8](UnsafeBufferPointer(start: base + start, count: index - start))
        while true {
            guard index < end else { throw failure(.closingQuote) }
            let b = base[index]
            switch b {
            case UInt8(ascii: "\""):
                // Escapes decode to whole scalars, so the text is valid UTF-8 exactly when its raw bytes are.
                try checkUTF8(start..<index)
                index += 1
                return .decoded(decoded)
            case UInt8(ascii: "\\"):
                index += 1
                try readEscape(into: &decoded)
            case 0..<0x20:
                throw failure(.closingQuoteOrEscapedControl)
            default:
                decoded.append(b)
                index += 1
            }
        }
    }

    /// Fails at the first byte of `range` that is not part of well-formed UTF-8.
    @usableFromInline
    func checkUTF8(_ range: Range<Int>) throws(JSONError) {
        let bytes = UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
        if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
            throw failure(.utf8, at: range.lowerBound + bad)
        }
    }

    private mutating func readEscape(into decoded: inout [UInt8]) throws(JSONError) {
        guard index < end else { throw failure(.escape) }
        let b = base[index]
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(b)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            index += 1
            var scalar = try readHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard byte(index) == UInt8(ascii: "\\"), byte(index + 1) == UInt8(ascii: "u") else {
                    throw failure(.lowSurrogate)
                }
                index += 2
                let lowStart = index
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure(.lowSurrogate, at: lowStart - 2)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure(.wholeScalar, at: index - 6)
            }
            decoded.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
            return
        default:
            throw failure(.escapeLetter)
        }
        index += 1
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = byte(index)
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw failure(.hexDigits)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
