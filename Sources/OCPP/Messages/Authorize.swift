/// Authorize (station → CSMS): Asks whether an identifier may charge.
public struct AuthorizeRequest: OCPPRequest {
    /// The answer: ``AuthorizeResponse``.
    public typealias Response = AuthorizeResponse
    /// ``Action/authorize``.
    public static var action: Action { .authorize }

    /// `idTag`: At most 20 characters (CiString20Type). Required.
    public var idTag: String

    /// Creates the payload; optional fields default to absent.
    public init(idTag: String) {
        self.idTag = idTag
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var idTag: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "idTag") {
                guard idTag == nil else { throw .duplicate("idTag") }
                idTag = try reader.readString("idTag", maxLength: 20)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let idTag else { throw .missing("idTag") }
        self.init(idTag: idTag)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("idTag")
        writer.string(idTag)
        writer.endObject()
    }
}

/// The answer to a ``AuthorizeRequest``.
public struct AuthorizeResponse: OCPPPayload {
    /// `idTagInfo`: Required.
    public var idTagInfo: IdTagInfo

    /// Creates the payload; optional fields default to absent.
    public init(idTagInfo: IdTagInfo) {
        self.idTagInfo = idTagInfo
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var idTagInfo: IdTagInfo?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "idTagInfo") {
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
        guard let idTagInfo else { throw .missing("idTagInfo") }
        self.init(idTagInfo: idTagInfo)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("idTagInfo")
        idTagInfo.encode(to: &writer)
        writer.endObject()
    }
}
