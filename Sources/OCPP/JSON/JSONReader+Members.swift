import JSON

/// The members of a payload's object, each read in one line by the generated decoders: a member read
/// once (a second occurrence is a formation violation), its errors located at its name
/// (`idTagInfo.status`, `meterValue[0].timestamp`), a required member's absence reported by name.
extension JSONReader {
    /// Reads the object at the reader's position, handing `member` each member's name (its colon
    /// consumed) to read its value: the loop of every generated decoder, written once.
    @inline(__always)
    mutating func readMembers(_ member: (inout JSONReader, MemberName) throws(OCPPError) -> Void) throws(OCPPError) {
        var object = try beginObject("")
        while let name = try nextKey(&object) { try member(&self, name) }
    }

    /// Reads an object whose one member is the required `field`, with the errors of any payload: another
    /// member is unknown, a repeated one a formation violation, a missing one an occurrence violation.
    @inline(__always)
    mutating func readSole<Value: PayloadValue>(_ field: StaticString) throws(OCPPError) -> Value {
        try readOptionalSole(field).required(field)
    }

    /// Reads an object whose one member is the required string `field` of at most `maxLength` characters.
    @inline(__always)
    mutating func readSole(_ field: StaticString, maxLength: Int) throws(OCPPError) -> String {
        try readOptionalSole(field, maxLength: maxLength).required(field)
    }

    /// Reads an object whose one member is the optional `field`: nil for `{}`.
    @inline(__always)
    mutating func readOptionalSole<Value: PayloadValue>(_ field: StaticString) throws(OCPPError) -> Value? {
        try readSole(field) { (reader, value: inout Value?) throws(OCPPError) in try reader.read(&value, field) }
    }

    /// Reads an object whose one member is the optional string `field` of at most `maxLength` characters.
    @inline(__always)
    mutating func readOptionalSole(_ field: StaticString, maxLength: Int) throws(OCPPError) -> String? {
        try readSole(field) { (reader, value: inout String?) throws(OCPPError) in
            try reader.read(&value, field, maxLength: maxLength)
        }
    }

    /// Reads an object whose one member is the optional array `field` of strings of at most `maxLength`
    /// characters each.
    @inline(__always)
    mutating func readOptionalSole(_ field: StaticString, maxLength: Int) throws(OCPPError) -> [String]? {
        try readSole(field) { (reader, value: inout [String]?) throws(OCPPError) in
            try reader.read(&value, field, maxLength: maxLength)
        }
    }

    @inline(__always)
    private mutating func readSole<Value>(
        _ field: StaticString, _ read: (inout JSONReader, inout Value?) throws(OCPPError) -> Void
    ) throws(OCPPError) -> Value? {
        var value: Value?
        try readMembers { (reader, member) throws(OCPPError) in
            guard field ~= member else { throw reader.unknownField(member) }
            try read(&reader, &value)
        }
        return value
    }

    /// Reads the member `field` into `value`.
    @inline(__always)
    mutating func read<Value: PayloadValue>(_ value: inout Value?, _ field: StaticString) throws(OCPPError) {
        try readOnce(&value, field) { (reader) throws(OCPPError) in try Value(from: &reader) }
    }

    /// Reads the string member `field` of at most `maxLength` characters (a CiStringN type) into `value`.
    @inline(__always)
    mutating func read(_ value: inout String?, _ field: StaticString, maxLength: Int) throws(OCPPError) {
        try readOnce(&value, field) { (reader) throws(OCPPError) in try reader.readString("", maxLength: maxLength) }
    }

    /// Reads the URI member `field` into `value`.
    @inline(__always)
    mutating func readURI(_ value: inout String?, _ field: StaticString) throws(OCPPError) {
        try readOnce(&value, field) { (reader) throws(OCPPError) in try reader.readURI("") }
    }

    /// Reads the decimal member `field`, a multiple of 0.1, into `value`.
    @inline(__always)
    mutating func readTenths(_ value: inout Double?, _ field: StaticString) throws(OCPPError) {
        try readOnce(&value, field) { (reader) throws(OCPPError) in try reader.readTenths("") }
    }

    /// Reads the array member `field` into `value`.
    mutating func read<Element: PayloadValue>(_ value: inout [Element]?, _ field: StaticString) throws(OCPPError) {
        guard value == nil else { throw .duplicate(field) }
        value = try readArray(field) { (reader) throws(OCPPError) in try Element(from: &reader) }
    }

    /// Reads the array member `field` of strings of at most `maxLength` characters each into `value`.
    mutating func read(_ value: inout [String]?, _ field: StaticString, maxLength: Int) throws(OCPPError) {
        guard value == nil else { throw .duplicate(field) }
        value = try readArray(field) { (reader) throws(OCPPError) in try reader.readString("", maxLength: maxLength) }
    }

    @inline(__always)
    private mutating func readOnce<Value>(
        _ value: inout Value?, _ field: StaticString, _ read: (inout JSONReader) throws(OCPPError) -> Value
    ) throws(OCPPError) {
        guard value == nil else { throw .duplicate(field) }
        do { value = try read(&self) } catch { throw error.inside("\(field)") }
    }

    /// The elements of the array member `field`, each located by its position in errors.
    private mutating func readArray<Element>(
        _ field: StaticString, _ element: (inout JSONReader) throws(OCPPError) -> Element
    ) throws(OCPPError) -> [Element] {
        var elements: [Element] = []
        var array = try beginArray(field)
        while try nextElement(&array) {
            do { elements.append(try element(&self)) } catch { throw error.inside("\(field)[\(elements.count)]") }
        }
        return elements
    }
}

extension Optional {
    /// The value of a required member, or the error that says it is missing.
    @inline(__always)
    func required(_ field: StaticString) throws(OCPPError) -> Wrapped {
        guard let self else { throw .missing(field) }
        return self
    }

    /// The value of a required array member of at least `minItems` elements, or the error that says
    /// it is missing or too short.
    @inline(__always)
    func required<Element>(_ field: StaticString, minItems: Int) throws(OCPPError) -> Wrapped
    where Wrapped == [Element] {
        let elements = try required(field)
        guard elements.count >= minItems else {
            let noun = minItems == 1 ? "element" : "elements"
            throw OCPPError(
                code: .occurenceConstraintViolation, field: "\(field)", reason: "needs at least \(minItems) \(noun)")
        }
        return elements
    }
}
