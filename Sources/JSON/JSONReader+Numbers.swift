extension JSONReader {
    /// The number at the cursor, its grammar checked (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`),
    /// converted to the nearest `Double`: infinite when its magnitude is beyond `Double`'s (`1e400`), for
    /// the caller to refuse. Up to 15 significant digits with a small exponent are converted exactly
    /// without the standard library (Clinger's fast path); anything longer goes through it.
    public mutating func readNumber() throws(JSONError) -> Double {
        let start = index
        var negative = false
        if byte(index) == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard Self.isDigit(byte(index)) else { throw failure(.digit) }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        if byte(index) == UInt8(ascii: "0") {
            index += 1
        } else {
            while Self.isDigit(byte(index)) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(byte(index) &- UInt8(ascii: "0"))
                    digits += 1
                } else {
                    exponent += 1
                }
                index += 1
            }
        }
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            guard Self.isDigit(byte(index)) else { throw failure(.digit) }
            while Self.isDigit(byte(index)) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(byte(index) &- UInt8(ascii: "0"))
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                }
                index += 1
            }
        }
        if byte(index) == UInt8(ascii: "e") || byte(index) == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-") {
                exponentNegative = byte(index) == UInt8(ascii: "-")
                index += 1
            }
            guard Self.isDigit(byte(index)) else { throw failure(.digit) }
            var written = 0
            while Self.isDigit(byte(index)) {
                if written < 100_000 { written = written * 10 + Int(byte(index) &- UInt8(ascii: "0")) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if digits <= 15 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / Self.powerOfTen(-exponent) : value * Self.powerOfTen(exponent)
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        // The grammar is checked, so only a magnitude out of range is left, which strtod makes infinite.
        return Double(text) ?? (negative ? -.infinity : .infinity)
    }

    /// The text of the number at the cursor, its grammar checked as ``readNumber()`` checks it.
    public mutating func readNumberText() throws(JSONError) -> Range<Int> {
        let start = index
        _ = try readNumber()
        return start..<index
    }

    /// 10^exponent for 0...22, every one exact in a `Double`.
    private static func powerOfTen(_ exponent: Int) -> Double {
        var value = 1.0
        var base = 10.0
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { value *= base }
            base *= base
            remaining >>= 1
        }
        return value
    }
}
