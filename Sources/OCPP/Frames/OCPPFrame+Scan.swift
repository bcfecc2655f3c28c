import JSON

extension OCPPFrame.Elements {
    /// The spans of a frame's elements when its text is plainly well-formed: a JSON array whose strings
    /// are ASCII without escapes, nested at most `maxDepth` (and 64) levels, nothing after it. Text outside
    /// that subset gives `nil` and goes the full way (``init(reading:maxDepth:)``), which decides whether
    /// it is JSON at all and with which error; nothing this accepts is refused there, and the spans are the
    /// same. One pass without recursion, errors or number conversion.
    init?(scanning text: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        guard let base = text.baseAddress, maxDepth > 0 else { return nil }
        var scanner = FrameScanner(base: base, end: text.count)
        guard let elements = scanner.elements(maxDepth: min(maxDepth, 64)) else { return nil }
        self = elements
    }
}

/// The cursor of ``OCPPFrame/Elements/init(scanning:maxDepth:)``: each method consumes one token of the
/// plain subset and answers whether it was one.
private struct FrameScanner {
    private static let everyByte: UInt64 = 0x0101_0101_0101_0101

    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0

    @inline(__always)
    func byte(_ position: Int) -> UInt8 { position < end ? base[position] : 0 }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// A string without escapes or non-ASCII bytes, from its opening quote.
    @inline(__always)
    mutating func skipPlainString() -> Bool {
        guard byte(index) == UInt8(ascii: "\"") else { return false }
        index += 1
        while end - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (0x22 &* Self.everyByte)
            let backslash = word ^ (0x5C &* Self.everyByte)
            let special = ((quote &- Self.everyByte) & ~quote) | ((backslash &- Self.everyByte) & ~backslash)
                | (word &- 0x20 &* Self.everyByte) | word
            if special & (0x80 &* Self.everyByte) != 0 { break }
            index += 8
        }
        while index < end {
            let b = base[index]
            index += 1
            if b == UInt8(ascii: "\"") { return true }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return false }
        }
        return false
    }

    /// A member's name and its colon.
    @inline(__always)
    mutating func skipName() -> Bool {
        skipWhitespace()
        guard skipPlainString() else { return false }
        skipWhitespace()
        guard byte(index) == UInt8(ascii: ":") else { return false }
        index += 1
        return true
    }

    @inline(__always)
    mutating func skipDigits() -> Bool {
        guard JSONReader.isDigit(byte(index)) else { return false }
        repeat { index += 1 } while JSONReader.isDigit(byte(index))
        return true
    }

    /// JSON's number grammar exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    mutating func skipNumber() -> Bool {
        if byte(index) == UInt8(ascii: "-") { index += 1 }
        if byte(index) == UInt8(ascii: "0") {
            index += 1
            if JSONReader.isDigit(byte(index)) { return false }
        } else if !skipDigits() {
            return false
        }
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() else { return false }
        }
        if byte(index) == UInt8(ascii: "e") || byte(index) == UInt8(ascii: "E") {
            index += 1
            if byte(index) == UInt8(ascii: "+") || byte(index) == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() else { return false }
        }
        return true
    }

    mutating func skipLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - index >= count, JSONReader.bytesEqual(base + index, literal.utf8Start, count) else { return false }
        index += count
        return true
    }

    /// The frame's elements, or nil for text outside the plain subset.
    mutating func elements(maxDepth: Int) -> OCPPFrame.Elements? {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "[") else { return nil }
        index += 1
        var elements = OCPPFrame.Elements()
        elements.isArray = true
        // One bit per open container below the frame's array, set for an object.
        var objects: UInt64 = 0
        var depth = 1
        var elementStart = 0
        skipWhitespace()
        if byte(index) == UInt8(ascii: "]") {
            index += 1
            depth = 0
        }
        // Each turn reads one value (a member's name first, inside an object), then what closes or separates.
        while depth > 0 {
            skipWhitespace()
            if depth == 1 { elementStart = index }
            switch byte(index) {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte(index) == UInt8(ascii: "{")
                index += 1
                guard depth < maxDepth else { return nil }
                objects = isObject ? objects | 1 << depth : objects & ~(1 << depth)
                depth += 1
                skipWhitespace()
                if byte(index) == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    depth -= 1
                } else {
                    if isObject, !skipName() { return nil }
                    continue
                }
            case UInt8(ascii: "\""):
                guard skipPlainString() else { return nil }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard skipNumber() else { return nil }
            case UInt8(ascii: "t"):
                guard skipLiteral("true") else { return nil }
            case UInt8(ascii: "f"):
                guard skipLiteral("false") else { return nil }
            case UInt8(ascii: "n"):
                guard skipLiteral("null") else { return nil }
            default:
                return nil
            }
            // A value ended: close every container that ends with it, then expect the next member or element.
            while true {
                if depth == 1 { elements.append(elementStart..<index) }
                skipWhitespace()
                let inObject = depth > 1 && objects & (1 << (depth - 1)) != 0
                let b = byte(index)
                if b == UInt8(ascii: ",") {
                    index += 1
                    if inObject, !skipName() { return nil }
                    break
                }
                guard b == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
                index += 1
                depth -= 1
                if depth == 0 { break }
            }
        }
        skipWhitespace()
        return index == end ? elements : nil
    }
}
