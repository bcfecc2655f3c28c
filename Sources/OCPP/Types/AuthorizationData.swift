import JSON

/// One entry of the local authorization list.
public struct AuthorizationData: OCPPPayload {
    /// `idTag`: At most 20 characters (CiString20Type). Required.
    public var idTag: String
    /// `idTagInfo`: Optional.
    public var idTagInfo: IdTagInfo?

    /// Creates the payload; optional fields default to absent.
    public init(idTag: String, idTagInfo: IdTagInfo? = nil) {
        self.idTag = idTag
        self.idTagInfo = idTagInfo
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var idTag: String?
        var idTagInfo: IdTagInfo?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "idTag") {
                guard idTag == nil else { throw .duplicate("idTag") }
                idTag = try reader.readString("idTag", maxLength: 20)
            } else if reader.matches(member, "idTagInfo") {
                guard idTagInfo == nil else { throw .duplicate("idTagInfo") }
                do {
                    idTagInfo = try IdTagInfo(from: &reader)
                } catch {
                    throw error.inside("idTagInfo")
                }
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let idTag else { throw .missing("idTag") }
        self.init(idTag: idTag, idTagInfo: idTagInfo)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("idTag")
        writer.string(idTag)
        if let idTagInfo {
            writer.key("idTagInfo")
            idTagInfo.encode(to: &writer)
        }
        writer.endObject()
    }
}
