import JSON

/// The reader as OCPP's typed payloads use it: each value read the way the schema wants it, and each
/// departure reported with the CallError code OCPP-J prescribes (a grammar error of ``JSONReader`` as
/// ``CallErrorCode/formationViolation``, a value of the wrong type as a type violation, a value out
/// of its range as a property violation), naming the field.
extension JSONReader {
    /// The error for a value of the wrong type: a type violation if the value is well-formed JSON,
    /// a formation violation otherwise.
    func wrongType(_ field: StaticString, expected: String) -> OCPPError {
        switch byte(index) {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return .type(field, expected)
        default:
            return .formation(field, failure(.value))
        }
    }

    /// Checks that nothing but whitespace follows the value just read.
    @usableFromInline
    mutating func expectEndOfText() throws(OCPPError) {
        do { try expectEnd() } catch { throw .formation("", error) }
    }

    /// Checks the grammar of one value of any shape, within ``JSON/JSONReader/maxDepth``.
    mutating func checkValue() throws(OCPPError) {
        do { try skipValue() } catch { throw .formation("", error) }
    }

    // MARK: Containers

    mutating func beginObject(_ field: StaticString) throws(OCPPError) -> Container {
        guard peek() == UInt8(ascii: "{") else { throw wrongType(field, expected: "an object") }
        do { return try beginObject() } catch { throw .formation(field, error) }
    }

    /// The next member's name, with its colon consumed; nil once the object's `}` is consumed.
    mutating func nextKey(_ object: inout Container) throws(OCPPError) -> MemberName? {
        let key: Key?
        do { key = try nextMember(in: &object) } catch { throw .formation("", error) }
        guard let key else { return nil }
        return MemberName(key: key, base: base)
    }

    /// The error for a member the schema does not allow (`additionalProperties: false`).
    func unknownField(_ member: MemberName) -> OCPPError {
        OCPPError(code: .formationViolation, field: text(of: member.key), reason: "unknown field")
    }

    mutating func beginArray(_ field: StaticString) throws(OCPPError) -> Container {
        guard peek() == UInt8(ascii: "[") else { throw wrongType(field, expected: "an array") }
        do { return try beginArray() } catch { throw .formation(field, error) }
    }

    /// Whether another element follows (its separator consumed); false once `]` is consumed.
    mutating func nextElement(_ array: inout Container) throws(OCPPError) -> Bool {
        do { return try nextElement(in: &array) } catch { throw .formation("", error) }
    }

    // MARK: Scalars

    mutating func readBool(_ field: StaticString) throws(OCPPError) -> Bool {
        skipWhitespace()
        guard matchesLiteral("true") || matchesLiteral("false") else { throw wrongType(field, expected: "a boolean") }
        do { return try readBool() } catch { throw .formation(field, error) }
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
        guard Self.isDigit(byte(index)) else {
            index = start
            throw wrongType(field, expected: "an integer")
        }
        if byte(index) == UInt8(ascii: "0") && Self.isDigit(byte(index + 1)) {
            throw .formation(field, failure(.noDigitAfterLeadingZero, at: index + 1))
        }
        var magnitude: UInt64 = 0
        var overflow = false
        while Self.isDigit(byte(index)) {
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
            do { _ = try readNumber() } catch { throw .formation(field, error) }
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
        let first = peek()
        guard first == UInt8(ascii: "-") || Self.isDigit(first) else { throw wrongType(field, expected: "a number") }
        let value: Double
        do { value = try readNumber() } catch { throw .formation(field, error) }
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
        while position + integerDigits < text.upperBound, Self.isDigit(base[position + integerDigits]) {
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
            while position < text.upperBound, Self.isDigit(base[position]) {
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

    /// The contents of a string value at the cursor, or the error for a value that is not a string.
    mutating func readStringBytes(_ field: StaticString, expected: String = "a string") throws(OCPPError) -> StringBytes {
        guard peek() == UInt8(ascii: "\"") else { throw wrongType(field, expected: expected) }
        do { return try readStringBytes() } catch { throw .formation(field, error) }
    }

    /// A string field of at most `maxLength` characters (the CiStringN types), counted as Unicode
    /// scalars as JSON Schema's `maxLength` counts them.
    mutating func readString(_ field: StaticString, maxLength: Int = .max) throws(OCPPError) -> String {
        let bytes = try readStringBytes(field)
        let string = string(bytes)
        let byteCount = withBytes(of: bytes) { $0.count }
        if byteCount > maxLength && string.unicodeScalars.count > maxLength {
            throw .property(field, "longer than \(maxLength) characters")
        }
        return string
    }

    /// A string value matched against an enumeration's names without building a `String`.
    mutating func readEnum<Value: JSONEnum>(_ field: StaticString, as type: Value.Type) throws(OCPPError) -> Value {
        let bytes = try readStringBytes(field)
        guard let found = withBytes(of: bytes, { Value.names.value($0) }) else {
            throw .property(field, "'\(text(of: bytes))' is not a valid \(Value.self)")
        }
        return found
    }

    /// A date-time string in any RFC 3339 form, of a year from 0001 to 9999 (the 0000 that RFC 3339 can
    /// write is refused with ``CallErrorCode/propertyConstraintViolation``: no station's clock shows it).
    mutating func readDateTime(_ field: StaticString) throws(OCPPError) -> OCPPDateTime {
        let bytes = try readStringBytes(field, expected: "a date-time string")
        if let parsed = withBytes(of: bytes, { OCPPDateTime(rfc3339: $0) }) { return parsed }
        if withBytes(of: bytes, { OCPPDateTime(rfc3339: $0, years: 0...0) }) != nil {
            throw .property(field, "the year 0000 is outside 0001...9999")
        }
        throw .type(field, "an RFC 3339 date-time, got '\(text(of: bytes))'")
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

    /// A string value as an error quotes it: its first 64 characters.
    func text(of bytes: StringBytes) -> String {
        let full = string(bytes)
        return full.count > 64 ? String(full.prefix(64)) + "…" : full
    }
}
