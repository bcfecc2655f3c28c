import OCPP

/// The CALLRESULT that answers the station's CALL in flight: JSON from a socket, or the typed value of a
/// CSMS in the same process. The station acts on both alike.
enum CallAnswer {
    case json(OCPPFrame.CallResult)
    case typed(StationResponse)

    /// The answer as the response to a request of type `request`.
    /// - Throws: ``OCPPError`` when it is not one: a typed answer of another action is read as its JSON
    ///   would be, so that it fails (or not) exactly as it would have over a socket.
    func decode<Request: OCPPRequest>(responseTo request: Request.Type) throws(OCPPError) -> Request.Response {
        switch self {
        case .json(let result):
            return try result.decode(responseTo: request)
        case .typed(let response):
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
