import OCPP

/// The CALLRESULT that answers the station's CALL in flight: JSON from a socket, read in place, or the
/// typed value of a CSMS in the same process. The station acts on both alike.
enum CallAnswer {
    case borrowed(OCPPFrame.Borrowed)
    case typed(StationResponse, messageId: String)

    /// Whether it answers the CALL of `messageId`.
    func answers(_ messageId: MessageID) -> Bool {
        switch self {
        case .borrowed(let frame): messageId.withUTF8 { frame.hasMessageId(utf8: $0) }
        case .typed(_, let answered): messageId.isSpelled(by: answered)
        }
    }

    /// The answer as the response to a request of type `request`.
    /// - Throws: ``OCPPError`` when it is not one: a typed answer of another action is read as its JSON
    ///   would be, so that it fails (or not) exactly as it would have over a socket.
    func decode<Request: OCPPRequest>(responseTo request: Request.Type) throws(OCPPError) -> Request.Response {
        switch self {
        case .borrowed(let frame):
            return try frame.decode(responseTo: request)
        case .typed(let response, _):
            if let value = response.value(answering: request) { return value }
            var bytes: [UInt8] = []
            response.encodeCallResult(messageId: "", into: &bytes)
            guard case .callResult(let result) = try OCPPFrame(parsing: bytes) else {
                throw OCPPError(code: .genericError, reason: "a CALLRESULT that does not read back as one")
            }
            return try result.decode(responseTo: request)
        }
    }
}
