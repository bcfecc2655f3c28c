import JSON

/// A payload whose schema has no properties (Heartbeat's request, most responses of the station's
/// notifications): the empty object `{}`, refusing any member as an unknown field.
public protocol EmptyPayload: OCPPPayload {
    /// Creates the payload, an empty object.
    init()
}

extension EmptyPayload {
    /// Reads the empty object at the reader's position.
    /// - Throws: ``OCPPError``: ``CallErrorCode/formationViolation`` for any member.
    public init(from reader: inout JSONReader) throws(OCPPError) {
        var object = try reader.beginObject("")
        if let member = try reader.nextKey(&object) { throw reader.unknownField(member) }
        self.init()
    }

    /// Writes `{}`.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.endObject()
    }
}
