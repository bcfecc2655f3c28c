import Basics

/// A cursor over the UTF-8 bytes of JSON text, reading one value at a time the way the typed
/// payloads expect them, and reporting each departure with the CallError code OCPP-J prescribes.
///
/// A reader only lives inside ``JSONPayload/withReader(_:)``: it points into the payload's storage
/// without owning it. Reads past the end see a 0 byte, which no valid JSON token contains, so every
/// malformed input ends in an error rather than an out-of-bounds access.
public struct JSONReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var index: Int

    @usableFromInline
    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.index = start
        self.end = end
    }

    /// Where an object or array is in its members, so that separators are checked.
    struct Container {
        var isFirst = true
    }

    /// A member name, still in the input: compared without building a `String`.
    struct Key {
        let start: Int
        let count: Int
        let unescaped: [UInt8]?
    }

    /// The contents of a string value: a slice of the input, or a decoded copy when it had escapes.
    enum StringBytes {
        case input(start: Int, count: Int)
        case decoded([UInt8])
    }

    @inline(__always)
    func byte(_ position: Int) -> UInt8 {
        position < end ? base[position] : 0
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    var isAtEnd: Bool {
        mutating get {
            skipWhitespace()
            return index >= end
        }
    }

    /// Checks that nothing but whitespace follows the value just read.
    @usableFromInline
    mutating func expectEnd() throws(OCPPError) {
        guard isAtEnd else { throw .formation("", "unexpected data after the JSON value") }
    }

    // MARK: Containers

    /// The error for a value of the wrong type: a type violation if the value is well-formed JSON,
    /// a formation violation otherwise.
    func wrongType(_ field: StaticString, expected: String) -> OCPPError {
        switch byte(index) {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return .type(field, expected)
        default:
            return .formation(field, "not a JSON value")
        }
    }

    mutating func beginObject(_ field: StaticString) throws(OCPPError) -> Container {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "{") else { throw wrongType(field, expected: "an object") }
        index += 1
        return Container()
    }

    /// The next member's name, with its colon consumed; nil once the object's `}` is consumed.
    mutating func nextKey(_ object: inout Container) throws(OCPPError) -> Key? {
        skipWhitespace()
        if byte(index) == UInt8(ascii: "}") {
            index += 1
            return nil
        }
        if object.isFirst {
            object.isFirst = false
        } else {
            guard byte(index) == UInt8(ascii: ",") else { throw .formation("", "expected ',' or '}' in an object") }
            index += 1
            skipWhitespace()
        }
        guard byte(index) == UInt8(ascii: "\"") else { throw .formation("", "expected a member name") }
        let key: Key
        switch try readStringBytes() {
        case .input(let start, let count): key = Key(start: start, count: count, unescaped: nil)
        case .decoded(let bytes): key = Key(start: 0, count: bytes.count, unescaped: bytes)
        }
        skipWhitespace()
        guard byte(index) == UInt8(ascii: ":") else { throw .formation("", "expected ':' after a member name") }
        index += 1
        return key
    }

    /// Whether `key` is exactly `name`.
    @inline(__always)
    func matches(_ key: Key, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        if let unescaped = key.unescaped {
            return unescaped.withUnsafeBufferPointer { memoryEquals($0.baseAddress!, name.utf8Start, key.count) }
        }
        return memoryEquals(base + key.start, name.utf8Start, key.count)
    }

    /// The error for a member the schema does not allow (`additionalProperties: false`).
    func unknownField(_ key: Key) -> OCPPError {
        OCPPError(code: .formationViolation, field: text(of: key), reason: "unknown field")
    }

    func text(of key: Key) -> String {
        if let unescaped = key.unescaped { return String(decoding: unescaped, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(start: base + key.start, count: key.count), as: UTF8.self)
    }

    mutating func beginArray(_ field: StaticString) throws(OCPPError) -> Container {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "[") else { throw wrongType(field, expected: "an array") }
        index += 1
        return Container()
    }

    /// Whether another element follows (its separator consumed); false once `]` is consumed.
    mutating func nextElement(_ array: inout Container) throws(OCPPError) -> Bool {
        skipWhitespace()
        if byte(index) == UInt8(ascii: "]") {
            index += 1
            return false
        }
        if array.isFirst {
            array.isFirst = false
        } else {
            guard byte(index) == UInt8(ascii: ",") else { throw .formation("", "expected ',' or ']' in an array") }
            index += 1
        }
        return true
    }

    // MARK: Scalars

    mutating func readBool(_ field: StaticString) throws(OCPPError) -> Bool {
        skipWhitespace()
        if matchesLiteral("true") {
            index += 4
            return true
        }
        if matchesLiteral("false") {
            index += 5
            return false
        }
        throw wrongType(field, expected: "a boolean")
    }

    func matchesLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        return end - index >= count && memoryEquals(base + index, literal.utf8Start, count)
    }

    /// An OCPP `integer`: digits without fraction or exponent, within `Int32`'s range.
    ///
    /// OCPP 1.6 does not bound its integers, but OCPP 2.0.1 states what every implementation assumes: an
    /// integer field is a 32-bit signed integer on the wire, and an embedded station such as the Green'Up
    /// holds it so. A value outside that range is refused with ``CallErrorCode/propertyConstraintViolation``,
    /// so that no field read from a peer can overflow the arithmetic done with it.
    mutating func readInt(_ field: StaticString) throws(OCPPError) -> Int {
        skipWhitespace()
        let start = index
        let negative = byte(index) == UInt8(ascii: "-")
        if negative { index += 1 }
        guard isDigit(byte(index)) else {
            index = start
            throw wrongType(field, expected: "an integer")
        }
        if byte(index) == UInt8(ascii: "0") && isDigit(byte(index + 1)) {
            throw .formation(field, "leading zero in a number")
        }
        var magnitude: UInt64 = 0
        var overflow = false
        while isDigit(byte(index)) {
            let digit = UInt64(byte(index) &- UInt8(ascii: "0"))
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            magnitude = sum
            index += 1
        }
        switch byte(index) {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            index = start
            _ = try scanNumber(field)
            throw .type(field, "an integer, not a decimal")
        default: break
        }
        let limit = negative ? UInt64(Int32.max) + 1 : UInt64(Int32.max)
        guard !overflow, magnitude <= limit else {
            throw .property(field, "integer outside \(Int32.min)...\(Int32.max)")
        }
        return negative ? -Int(magnitude) : Int(magnitude)
    }

    /// An OCPP `decimal`: any JSON number that a finite `Double` holds.
    mutating func readDouble(_ field: StaticString) throws(OCPPError) -> Double {
        skipWhitespace()
        let first = byte(index)
        guard first == UInt8(ascii: "-") || isDigit(first) else { throw wrongType(field, expected: "a number") }
        let value = try scanNumber(field)
        guard value.isFinite else { throw .property(field, "number out of range") }
        return value
    }

    /// A decimal that the schema wants a multiple of 0.1 (charging limits), decided on the number's
    /// decimal text rather than on the `Double` it becomes, so exactly and for any magnitude: `0.3` and
    /// `1e308` are multiples of 0.1 (though no `Double` is exactly 3 × 0.1, and 1e308 × 10 overflows one);
    /// `10.05` and `1e-400` are not.
    mutating func readTenths(_ field: StaticString) throws(OCPPError) -> Double {
        skipWhitespace()
        let start = index
        let value = try readDouble(field)
        guard isMultipleOfTenth(start..<index) else { throw .property(field, "not a multiple of 0.1") }
        return value
    }

    /// Whether the JSON number in `text` (its grammar checked) has no nonzero digit past the tenths.
    private func isMultipleOfTenth(_ text: Range<Int>) -> Bool {
        var position = text.lowerBound
        if base[position] == UInt8(ascii: "-") { position += 1 }
        var integerDigits = 0
        while position + integerDigits < text.upperBound, isDigit(base[position + integerDigits]) {
            integerDigits += 1
        }
        // The power of ten of the last nonzero digit written, before the exponent: 0 for units, -1 for tenths.
        var lowestPlace: Int?
        for offset in 0..<integerDigits where base[position + offset] != UInt8(ascii: "0") {
            lowestPlace = integerDigits - 1 - offset
        }
        position += integerDigits
        if position < text.upperBound, base[position] == UInt8(ascii: ".") {
            position += 1
            var place = -1
            while position < text.upperBound, isDigit(base[position]) {
                if base[position] != UInt8(ascii: "0") { lowestPlace = place }
                place -= 1
                position += 1
            }
        }
        guard let lowestPlace else { return true }
        var exponent = 0
        if position < text.upperBound {
            position += 1  // e or E
            let negative = base[position] == UInt8(ascii: "-")
            if negative || base[position] == UInt8(ascii: "+") { position += 1 }
            // Capped far beyond any place a frame of `Limits` can write, so that it cannot overflow.
            while position < text.upperBound {
                exponent = min(exponent * 10 + Int(base[position] &- UInt8(ascii: "0")), 1 << 40)
                position += 1
            }
            if negative { exponent = -exponent }
        }
        return lowestPlace + exponent >= -1
    }

    /// Reads a JSON number, checking its grammar. Up to 19 significant digits with a small exponent
    /// are converted exactly (Clinger's fast path); anything longer goes through the standard library.
    mutating func scanNumber(_ field: StaticString) throws(OCPPError) -> Double {
        let start = index
        var negative = false
        if byte(index) == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard isDigit(byte(index)) else { throw .formation(field, "malformed number") }
        if byte(index) == UInt8(ascii: "0") && isDigit(byte(index + 1)) {
            throw .formation(field, "leading zero in a number")
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        while isDigit(byte(index)) {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(byte(index) &- UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
            }
            index += 1
        }
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            guard isDigit(byte(index)) else { throw .formation(field, "malformed number") }
            while isDigit(byte(index)) {
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
            guard isDigit(byte(index)) else { throw .formation(field, "malformed number") }
            var written = 0
            while isDigit(byte(index)) {
                if written < 100_000 { written = written * 10 + Int(byte(index) &- UInt8(ascii: "0")) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if digits <= 15 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        return Double(text) ?? .nan
    }

    private static let everyByte: UInt64 = 0x0101_0101_0101_0101

    /// The contents of a string value, escapes decoded, UTF-8 checked.
    mutating func readStringBytes() throws(OCPPError) -> StringBytes {
        index += 1  // the opening quote, checked by the caller
        let start = index
        var seen: UInt8 = 0  // every byte OR-ed: bit 7 set means non-ASCII text to check
        // Eight bytes at a time while none is a quote, a backslash or a control character (SWAR).
        var seenWord: UInt64 = 0
        while end - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (0x22 &* Self.everyByte)
            let backslash = word ^ (0x5C &* Self.everyByte)
            let special = ((quote &- Self.everyByte) & ~quote) | ((backslash &- Self.everyByte) & ~backslash)
                | ((word &- 0x20 &* Self.everyByte) & ~word)
            if special & (0x80 &* Self.everyByte) != 0 { break }
            seenWord |= word
            index += 8
        }
        if seenWord & (0x80 &* Self.everyByte) != 0 { seen = 0x80 }
        while index < end {
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                let count = index - start
                index += 1
                guard seen < 0x80 || UTF8Validation.isValid(UnsafeRawBufferPointer(start: base + start, count: count)) else {
                    throw .formation("", "invalid UTF-8 in a string")
                }
                return .input(start: start, count: count)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            seen |= b
            index += 1
        }
        if index >= end || base[index] < 0x20 {
            throw index >= end
                ? .formation("", "unterminated string") : .formation("", "unescaped control character in a string")
        }
        var decoded = [UInt8](UnsafeBufferPointer(start: base + start, count: index - start))
        while true {
            let b = byte(index)
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                guard decoded.withUnsafeBytes({ UTF8Validation.isValid($0) }) else {
                    throw .formation("", "invalid UTF-8 in a string")
                }
                return .decoded(decoded)
            case UInt8(ascii: "\\"):
                index += 1
                try readEscape(into: &decoded)
            default:
                if b < 0x20 {
                    throw index >= end
                        ? .formation("", "unterminated string") : .formation("", "unescaped control character in a string")
                }
                decoded.append(b)
                index += 1
            }
        }
    }

    private mutating func readEscape(into decoded: inout [UInt8]) throws(OCPPError) {
        let b = byte(index)
        index += 1
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(b)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard byte(index) == UInt8(ascii: "\\"), byte(index + 1) == UInt8(ascii: "u") else {
                    throw .formation("", "unpaired surrogate in a string")
                }
                index += 2
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .formation("", "unpaired surrogate in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw .formation("", "unpaired surrogate in a string")
            }
            for unit in Unicode.UTF8.encode(Unicode.Scalar(scalar)!)! { decoded.append(unit) }
        default:
            throw .formation("", "invalid escape in a string")
        }
    }

    private mutating func readHex4() throws(OCPPError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = byte(index)
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw .formation("", "invalid \\u escape in a string")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A string field of at most `maxLength` characters (the CiStringN types), counted as Unicode
    /// scalars as JSON Schema's `maxLength` counts them.
    mutating func readString(_ field: StaticString, maxLength: Int = .max) throws(OCPPError) -> String {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "\"") else { throw wrongType(field, expected: "a string") }
        let string: String
        let byteCount: Int
        switch try readStringBytes() {
        case .input(let start, let count):
            string = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
            byteCount = count
        case .decoded(let bytes):
            string = String(decoding: bytes, as: UTF8.self)
            byteCount = bytes.count
        }
        if byteCount > maxLength && string.unicodeScalars.count > maxLength {
            throw .property(field, "longer than \(maxLength) characters")
        }
        return string
    }

    /// A string value matched against an enumeration's names without building a `String`.
    mutating func readEnum<Value: JSONEnum>(_ field: StaticString, as type: Value.Type) throws(OCPPError) -> Value {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "\"") else { throw wrongType(field, expected: "a string") }
        let found: Value?
        let bytes = try readStringBytes()
        switch bytes {
        case .input(let start, let count):
            found = Value.names.value(UnsafeBufferPointer(start: base + start, count: count))
        case .decoded(let decoded):
            found = decoded.withUnsafeBufferPointer { Value.names.value($0) }
        }
        guard let found else { throw .property(field, "'\(text(of: bytes))' is not a valid \(Value.self)") }
        return found
    }

    /// A date-time string in any RFC 3339 form, of a year from 0001 to 9999 (the 0000 that RFC 3339 can
    /// write is refused with ``CallErrorCode/propertyConstraintViolation``: no station's clock shows it).
    mutating func readDateTime(_ field: StaticString) throws(OCPPError) -> OCPPDateTime {
        skipWhitespace()
        guard byte(index) == UInt8(ascii: "\"") else { throw wrongType(field, expected: "a date-time string") }
        let bytes = try readStringBytes()
        let parsed: OCPPDateTime?
        switch bytes {
        case .input(let start, let count):
            parsed = OCPPDateTime(rfc3339: UnsafeBufferPointer(start: base + start, count: count))
        case .decoded(let decoded):
            parsed = decoded.withUnsafeBufferPointer { OCPPDateTime(rfc3339: $0) }
        }
        guard let parsed else {
            let isYearZero: Bool
            switch bytes {
            case .input(let start, let count):
                isYearZero = OCPPDateTime(rfc3339: UnsafeBufferPointer(start: base + start, count: count), years: 0...0) != nil
            case .decoded(let decoded):
                isYearZero = decoded.withUnsafeBufferPointer { OCPPDateTime(rfc3339: $0, years: 0...0) } != nil
            }
            if isYearZero { throw .property(field, "the year 0000 is outside 0001...9999") }
            throw .type(field, "an RFC 3339 date-time, got '\(text(of: bytes))'")
        }
        return parsed
    }

    /// A URI (`location` of GetDiagnostics and UpdateFirmware): a scheme, a colon, then anything.
    mutating func readURI(_ field: StaticString) throws(OCPPError) -> String {
        let value = try readString(field)
        var scalars = value.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first.properties.isASCIIHexDigit || ("a"..."z").contains(first)
                || ("A"..."Z").contains(first) else {
            throw .property(field, "not a URI")
        }
        while let scalar = scalars.next() {
            if scalar == ":" { return value }
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard allowed else { break }
        }
        throw .property(field, "not a URI")
    }

    func text(of bytes: StringBytes) -> String {
        let full: String
        switch bytes {
        case .input(let start, let count):
            full = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
        case .decoded(let decoded):
            full = String(decoding: decoded, as: UTF8.self)
        }
        return full.count > 64 ? String(full.prefix(64)) + "…" : full
    }

    // MARK: Validation

    /// Checks the grammar of one value of any shape (and its UTF-8), nesting at most `depth` levels.
    /// Recursion stays bounded by `depth`, so hostile nesting ends in an error, not a stack overflow.
    /// Duplicate member names are left to the typed readers, which refuse them field by field: this
    /// check runs on every frame and must not allocate.
    mutating func skipValue(depth: Int) throws(OCPPError) {
        skipWhitespace()
        switch byte(index) {
        case UInt8(ascii: "{"):
            guard depth > 0 else { throw .formation("", "JSON nested too deeply") }
            index += 1
            var object = Container()
            while try nextKey(&object) != nil {
                try skipValue(depth: depth - 1)
            }
        case UInt8(ascii: "["):
            guard depth > 0 else { throw .formation("", "JSON nested too deeply") }
            index += 1
            var array = Container()
            while try nextElement(&array) {
                try skipValue(depth: depth - 1)
            }
        case UInt8(ascii: "\""):
            _ = try readStringBytes()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool("value")
        case UInt8(ascii: "n"):
            guard matchesLiteral("null") else { throw .formation("", "not a JSON value") }
            index += 4
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber("value")
        default:
            throw .formation("", index >= end ? "truncated JSON" : "not a JSON value")
        }
    }
}

@inline(__always)
func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
}

@inline(__always)
func memoryEquals(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

private let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
}
