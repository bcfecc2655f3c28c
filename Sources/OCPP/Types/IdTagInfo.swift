import JSON

/// What the CSMS knows of an identifier: its status, expiry and parent.
public struct IdTagInfo: OCPPPayload {
    /// `expiryDate`: Optional.
    public var expiryDate: OCPPDateTime?
    /// `parentIdTag`: At most 20 characters (CiString20Type). Optional.
    public var parentIdTag: String?
    /// `status`: Required.
    public var status: AuthorizationStatus

    /// Creates the payload; optional fields default to absent.
    public init(expiryDate: OCPPDateTime? = nil, parentIdTag: String? = nil, status: AuthorizationStatus) {
        self.expiryDate = expiryDate
        self.parentIdTag = parentIdTag
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var expiryDate: OCPPDateTime?
        var parentIdTag: String?
        var status: AuthorizationStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "expiryDate") {
                guard expiryDate == nil else { throw .duplicate("expiryDate") }
                expiryDate = try reader.readDateTime("expiryDate")
            } else if reader.matches(member, "parentIdTag") {
                guard parentIdTag == nil else { throw .duplicate("parentIdTag") }
                parentIdTag = try reader.readString("parentIdTag", maxLength: 20)
            } else if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: AuthorizationStatus.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        self.init(expiryDate: expiryDate, parentIdTag: parentIdTag, status: status)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let expiryDate {
            writer.key("expiryDate")
            writer.dateTime(expiryDate)
        }
        if let parentIdTag {
            writer.key("parentIdTag")
            writer.string(parentIdTag)
        }
        writer.key("status")
        writer.enumValue(status)
        writer.endObject()
    }
}
