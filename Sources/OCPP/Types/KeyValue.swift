import JSON

/// One configuration key as GetConfiguration reports it.
public struct KeyValue: OCPPPayload {
    /// `key`: At most 50 characters (CiString50Type). Required.
    public var key: String
    /// `readonly`: Required.
    public var readonly: Bool
    /// `value`: At most 500 characters (CiString500Type). Optional.
    public var value: String?

    /// Creates the payload; optional fields default to absent.
    public init(key: String, readonly: Bool, value: String? = nil) {
        self.key = key
        self.readonly = readonly
        self.value = value
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var key: String?
        var readonly: Bool?
        var value: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "key") {
                guard key == nil else { throw .duplicate("key") }
                key = try reader.readString("key", maxLength: 50)
            } else if reader.matches(member, "readonly") {
                guard readonly == nil else { throw .duplicate("readonly") }
                readonly = try reader.readBool("readonly")
            } else if reader.matches(member, "value") {
                guard value == nil else { throw .duplicate("value") }
                value = try reader.readString("value", maxLength: 500)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let key else { throw .missing("key") }
        guard let readonly else { throw .missing("readonly") }
        self.init(key: key, readonly: readonly, value: value)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("key")
        writer.string(key)
        writer.key("readonly")
        writer.bool(readonly)
        if let value {
            writer.key("value")
            writer.string(value)
        }
        writer.endObject()
    }
}
