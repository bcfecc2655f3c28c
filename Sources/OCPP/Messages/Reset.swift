/// Reset (CSMS → station): Asks the station to reset.
public struct ResetRequest: OCPPRequest {
    /// The answer: ``ResetResponse``.
    public typealias Response = ResetResponse
    /// ``Action/reset``.
    public static var action: Action { .reset }

    /// `type`: Required.
    public var type: ResetType

    /// Creates the payload; optional fields default to absent.
    public init(type: ResetType) {
        self.type = type
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var type: ResetType?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "type") {
                guard type == nil else { throw .duplicate("type") }
                type = try reader.readEnum("type", as: ResetType.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let type else { throw .missing("type") }
        self.init(type: type)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("type")
        writer.enumValue(type)
        writer.endObject()
    }
}

/// The answer to a ``ResetRequest``.
public struct ResetResponse: OCPPPayload {
    /// `status`: Required.
    public var status: ResetStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: ResetStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: ResetStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ResetStatus.self)
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
