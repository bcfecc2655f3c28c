/// ChangeConfiguration (CSMS → station): Sets one configuration key.
public struct ChangeConfigurationRequest: OCPPRequest {
    /// The answer: ``ChangeConfigurationResponse``.
    public typealias Response = ChangeConfigurationResponse
    /// ``Action/changeConfiguration``.
    public static var action: Action { .changeConfiguration }

    /// `key`: At most 50 characters (CiString50Type). Required.
    public var key: String
    /// `value`: At most 500 characters (CiString500Type). Required.
    public var value: String

    /// Creates the payload; optional fields default to absent.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var key: String?
        var value: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "key") {
                guard key == nil else { throw .duplicate("key") }
                key = try reader.readString("key", maxLength: 50)
            } else if reader.matches(member, "value") {
                guard value == nil else { throw .duplicate("value") }
                value = try reader.readString("value", maxLength: 500)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let key else { throw .missing("key") }
        guard let value else { throw .missing("value") }
        self.init(key: key, value: value)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("key")
        writer.string(key)
        writer.key("value")
        writer.string(value)
        writer.endObject()
    }
}

/// The answer to a ``ChangeConfigurationRequest``.
public struct ChangeConfigurationResponse: OCPPPayload {
    /// `status`: Required.
    public var status: ConfigurationStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: ConfigurationStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: ConfigurationStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ConfigurationStatus.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        self.init(status: status)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.enumValue(status)
        writer.endObject()
    }
}
