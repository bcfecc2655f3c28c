/// ClearCache (CSMS → station): Clears the authorization cache.
public struct ClearCacheRequest: OCPPRequest {
    /// The answer: ``ClearCacheResponse``.
    public typealias Response = ClearCacheResponse
    /// ``Action/clearCache``.
    public static var action: Action { .clearCache }


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

/// The answer to a ``ClearCacheRequest``.
public struct ClearCacheResponse: OCPPPayload {
    /// `status`: Required.
    public var status: ClearCacheStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: ClearCacheStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: ClearCacheStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: ClearCacheStatus.self)
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
