/// GetLocalListVersion (CSMS → station): Asks the version of the local authorization list.
public struct GetLocalListVersionRequest: OCPPRequest {
    /// The answer: ``GetLocalListVersionResponse``.
    public typealias Response = GetLocalListVersionResponse
    /// ``Action/getLocalListVersion``.
    public static var action: Action { .getLocalListVersion }


    /// Creates the payload, an empty object.
    public init() {}

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            throw reader.unknownField(member)
        }
        self.init()
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.endObject()
    }
}

/// The answer to a ``GetLocalListVersionRequest``.
public struct GetLocalListVersionResponse: OCPPPayload {
    /// `listVersion`: Required.
    public var listVersion: Int

    /// Creates the payload; optional fields default to absent.
    public init(listVersion: Int) {
        self.listVersion = listVersion
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var listVersion: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "listVersion") {
                guard listVersion == nil else { throw .duplicate("listVersion") }
                listVersion = try reader.readInt("listVersion")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let listVersion else { throw .missing("listVersion") }
        self.init(listVersion: listVersion)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("listVersion")
        writer.int(listVersion)
        writer.endObject()
    }
}
