import JSON

/// What a member of a payload holds, read and written as one JSON value: an integer, a boolean, a
/// decimal, a string, a date-time, an enumeration, or an object of `Sources/OCPP/Types` (each declares
/// it). The generated payloads read and write their members through it, one line a member
/// (`try reader.read(&idTag, "idTag")`, `writer.member("idTag", idTag)`).
///
/// Errors name the value itself (field `""`, or the value's own members): the member that holds it
/// locates them.
protocol PayloadValue {
    /// Reads the value at the reader's position.
    init(from reader: inout JSONReader) throws(OCPPError)

    /// Writes the value.
    func encode(to writer: inout JSONWriter)
}

extension Int: PayloadValue {
    init(from reader: inout JSONReader) throws(OCPPError) { self = try reader.readInt("") }
    func encode(to writer: inout JSONWriter) { writer.int(self) }
}

extension Bool: PayloadValue {
    init(from reader: inout JSONReader) throws(OCPPError) { self = try reader.readBool("") }
    func encode(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Double: PayloadValue {
    init(from reader: inout JSONReader) throws(OCPPError) { self = try reader.readDouble("") }
    func encode(to writer: inout JSONWriter) { writer.double(self) }
}

extension String: PayloadValue {
    init(from reader: inout JSONReader) throws(OCPPError) { self = try reader.readString("") }
    func encode(to writer: inout JSONWriter) { writer.string(self) }
}

extension OCPPDateTime: PayloadValue {
    init(from reader: inout JSONReader) throws(OCPPError) { self = try reader.readDateTime("") }
    func encode(to writer: inout JSONWriter) { writer.unescapedString { write(to: &$0) } }
}

extension JSONEnum {
    init(from reader: inout JSONReader) throws(OCPPError) { self = try reader.readEnum("", as: Self.self) }
    func encode(to writer: inout JSONWriter) { writer.string(rawValue) }
}
