import JSON

/// The writer as OCPP's typed payloads use it: enumerations by their names, members one call each.
extension JSONWriter {
    mutating func enumValue(_ value: some RawRepresentable<String>) {
        string(value.rawValue)
    }

    /// Writes an object of the one member `name` holding `value` (the object of a payload of one member).
    @inline(__always)
    mutating func object(_ name: StaticString, _ value: some PayloadValue) {
        beginObject()
        member(name, value)
        endObject()
    }

    /// Writes an object of the one member `name` holding `value`, or `{}` when it is absent.
    @inline(__always)
    mutating func object<Value: PayloadValue>(_ name: StaticString, _ value: Value?) {
        beginObject()
        member(name, value)
        endObject()
    }

    /// Writes an object of the one member `name` holding the array `values`, or `{}` when it is absent.
    @inline(__always)
    mutating func object<Value: PayloadValue>(_ name: StaticString, _ values: [Value]?) {
        beginObject()
        member(name, values)
        endObject()
    }

    /// Writes the member `name` holding `value`.
    @inline(__always)
    mutating func member(_ name: StaticString, _ value: some PayloadValue) {
        key(name)
        value.encode(to: &self)
    }

    /// Writes the member `name` holding `value`, or nothing when it is absent.
    @inline(__always)
    mutating func member<Value: PayloadValue>(_ name: StaticString, _ value: Value?) {
        if let value { member(name, value) }
    }

    /// Writes the member `name` holding the array `values`.
    @inline(__always)
    mutating func member(_ name: StaticString, _ values: [some PayloadValue]) {
        key(name)
        beginArray()
        for value in values { value.encode(to: &self) }
        endArray()
    }

    /// Writes the member `name` holding the array `values`, or nothing when it is absent.
    @inline(__always)
    mutating func member<Value: PayloadValue>(_ name: StaticString, _ values: [Value]?) {
        if let values { member(name, values) }
    }
}
