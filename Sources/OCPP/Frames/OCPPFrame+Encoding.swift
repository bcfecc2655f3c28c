import JSON

extension OCPPFrame {
    /// Appends `[2,"messageId","Action",{payload}]` to `buffer`.
    /// - Parameters:
    ///   - messageId: a unique id of at most 36 characters.
    ///   - request: the request; its type names the action.
    ///   - buffer: the bytes to append to, typically emptied with `removeAll(keepingCapacity: true)`.
    public static func encodeCall<Request: OCPPRequest>(
        messageId: String, _ request: Request, into buffer: inout [UInt8]
    ) {
        encodeCall(request, into: &buffer) { $0.string(messageId) }
    }

    /// Appends `[2,"messageId","Action",{payload}]` to `buffer`, the id's bytes as they are.
    /// - Parameter messageId: the id's UTF-8 text, of bytes JSON writes unescaped (a station's digits).
    public static func encodeCall<Request: OCPPRequest>(
        unescapedMessageId messageId: UnsafeRawBufferPointer, _ request: Request, into buffer: inout [UInt8]
    ) {
        encodeCall(request, into: &buffer) { writer in writer.unescapedString { $0.append(contentsOf: messageId) } }
    }

    /// Appends `[2,"messageId","Action",{payload}]` to `buffer`, `messageId` writing the id.
    static func encodeCall<Request: OCPPRequest>(
        _ request: Request, into buffer: inout [UInt8], messageId: (inout JSONWriter) -> Void
    ) {
        JSONWriter.append(to: &buffer) { writer in
            writer.beginArray()
            writer.int(2)
            messageId(&writer)
            writer.enumValue(Request.action)
            request.encode(to: &writer)
            writer.endArray()
        }
    }

    /// Appends `[3,"messageId",{payload}]` to `buffer`.
    public static func encodeCallResult(
        messageId: String, _ response: some PayloadEncodable, into buffer: inout [UInt8]
    ) {
        JSONWriter.append(to: &buffer) { writer in
            writer.beginArray()
            writer.int(3)
            writer.string(messageId)
            response.encode(to: &writer)
            writer.endArray()
        }
    }

    /// Appends `[3,"messageId",{payload}]` to `buffer`, the message id copied from the CALL it answers
    /// where that CALL's text lies: no `String` is made for it.
    /// - Parameters:
    ///   - call: the CALL answered, still valid (within the call that lent its bytes).
    public static func encodeCallResult(
        answering call: Borrowed, _ response: some PayloadEncodable, into buffer: inout [UInt8]
    ) {
        JSONWriter.append(to: &buffer) { writer in
            writer.beginArray()
            writer.int(3)
            call.writeMessageId(to: &writer)
            response.encode(to: &writer)
            writer.endArray()
        }
    }

    /// Appends `[4,"messageId","code","description",{details}]` to `buffer`.
    /// - Parameters:
    ///   - details: a JSON object; `{}` by default.
    public static func encodeCallError(
        messageId: String, code: CallErrorCode, description: String, details: JSONPayload = .emptyObject,
        into buffer: inout [UInt8]
    ) {
        JSONWriter.append(to: &buffer) { writer in
            writer.beginArray()
            writer.int(4)
            writer.string(messageId)
            writer.enumValue(code)
            writer.string(description)
            writer.raw(details.bytes)
            writer.endArray()
        }
    }

    /// Appends the frame's JSON to `buffer`.
    public func encode(into buffer: inout [UInt8]) {
        JSONWriter.append(to: &buffer) { writer in
            writer.beginArray()
            switch self {
            case .call(let call):
                writer.int(2)
                writer.string(call.messageId)
                writer.enumValue(call.action)
                writer.raw(call.payload.bytes)
            case .callResult(let result):
                writer.int(3)
                writer.string(result.messageId)
                writer.raw(result.payload.bytes)
            case .callError(let error):
                writer.int(4)
                writer.string(error.messageId)
                writer.enumValue(error.code)
                writer.string(error.description)
                writer.raw(error.details.bytes)
            }
            writer.endArray()
        }
    }

    /// The frame's JSON.
    public var jsonBytes: [UInt8] {
        var bytes: [UInt8] = []
        encode(into: &bytes)
        return bytes
    }
}
