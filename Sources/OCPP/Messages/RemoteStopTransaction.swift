/// RemoteStopTransaction (CSMS → station): Asks the station to stop a transaction.
public struct RemoteStopTransactionRequest: OCPPRequest {
    /// The answer: ``RemoteStopTransactionResponse``.
    public typealias Response = RemoteStopTransactionResponse
    /// ``Action/remoteStopTransaction``.
    public static var action: Action { .remoteStopTransaction }

    /// `transactionId`: Required.
    public var transactionId: Int

    /// Creates the payload; optional fields default to absent.
    public init(transactionId: Int) {
        self.transactionId = transactionId
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var transactionId: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "transactionId") {
                guard transactionId == nil else { throw .duplicate("transactionId") }
                transactionId = try reader.readInt("transactionId")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let transactionId else { throw .missing("transactionId") }
        self.init(transactionId: transactionId)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("transactionId")
        writer.int(transactionId)
        writer.endObject()
    }
}

/// The answer to a ``RemoteStopTransactionRequest``.
public struct RemoteStopTransactionResponse: OCPPPayload {
    /// `status`: Required.
    public var status: RemoteStartStopStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: RemoteStartStopStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: RemoteStartStopStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: RemoteStartStopStatus.self)
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
