/// DataTransfer (both directions): Carries vendor-specific data, in either direction.
public struct DataTransferRequest: OCPPRequest {
    /// The answer: ``DataTransferResponse``.
    public typealias Response = DataTransferResponse
    /// ``Action/dataTransfer``.
    public static var action: Action { .dataTransfer }

    /// `vendorId`: At most 255 characters (CiString255Type). Required.
    public var vendorId: String
    /// `messageId`: At most 50 characters (CiString50Type). Optional.
    public var messageId: String?
    /// `data`: Optional.
    public var data: String?

    /// Creates the payload; optional fields default to absent.
    public init(vendorId: String, messageId: String? = nil, data: String? = nil) {
        self.vendorId = vendorId
        self.messageId = messageId
        self.data = data
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var vendorId: String?
        var messageId: String?
        var data: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "vendorId") {
                guard vendorId == nil else { throw .duplicate("vendorId") }
                vendorId = try reader.readString("vendorId", maxLength: 255)
            } else if reader.matches(member, "messageId") {
                guard messageId == nil else { throw .duplicate("messageId") }
                messageId = try reader.readString("messageId", maxLength: 50)
            } else if reader.matches(member, "data") {
                guard data == nil else { throw .duplicate("data") }
                data = try reader.readString("data")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let vendorId else { throw .missing("vendorId") }
        self.init(vendorId: vendorId, messageId: messageId, data: data)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("vendorId")
        writer.string(vendorId)
        if let messageId {
            writer.key("messageId")
            writer.string(messageId)
        }
        if let data {
            writer.key("data")
            writer.string(data)
        }
        writer.endObject()
    }
}

/// The answer to a ``DataTransferRequest``.
public struct DataTransferResponse: OCPPPayload {
    /// `status`: Required.
    public var status: DataTransferStatus
    /// `data`: Optional.
    public var data: String?

    /// Creates the payload; optional fields default to absent.
    public init(status: DataTransferStatus, data: String? = nil) {
        self.status = status
        self.data = data
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: DataTransferStatus?
        var data: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: DataTransferStatus.self)
            } else if reader.matches(member, "data") {
                guard data == nil else { throw .duplicate("data") }
                data = try reader.readString("data")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        self.init(status: status, data: data)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.enumValue(status)
        if let data {
            writer.key("data")
            writer.string(data)
        }
        writer.endObject()
    }
}
