// The OCPP layer: the OCPP 1.6J vocabulary as typed values, the OCPP-J RPC frames, and a JSON
// reader and writer over bytes, sans I/O.
//
// How to use it:
//
//     // Receiving: bytes from a WebSocket text message.
//     switch try OCPPFrame(parsing: bytes) {
//     case .call(let call):
//         switch try CentralSystemRequest(call) {          // or StationRequest(call) on the CSMS side
//         case .reset(let request): ...                       // a typed ResetRequest
//         default: ...
//         }
//     case .callResult(let result):
//         let answer = try result.decode(responseTo: BootNotificationRequest.self)
//     case .callError(let error): ...                         // error.code, error.description
//     }
//     // Any failure is an OCPPError: answer a CALL with a CALLERROR carrying error.code when
//     // error.messageId is set.
//
//     // Receiving without a copy: the bytes where they lie (a read buffer), acted on at once.
//     let frame = try OCPPFrame.Borrowed(parsing: text)        // an UnsafeRawBufferPointer
//     if case .callResult = frame.kind, frame.hasMessageId(sentId) {
//         let answer = try frame.decode(responseTo: HeartbeatRequest.self)
//     }
//
//     // Sending: append to a buffer reused from message to message.
//     buffer.removeAll(keepingCapacity: true)
//     OCPPFrame.encodeCall(messageId: "42", HeartbeatRequest(), into: &buffer)
//     OCPPFrame.encodeCallResult(messageId: id, HeartbeatResponse(currentTime: now), into: &buffer)
//     OCPPFrame.encodeCallError(messageId: id, code: error.code, description: error.description, into: &buffer)
//
// Times are OCPPDateTime (Int64 milliseconds since the epoch plus a UTC offset; years 0001 to 9999 on
// the wire), decimals Double (finite), integers Int (within Int32's range on the wire), every
// enumeration of the spec a String-backed enum named as the spec names it.

/// One OCPP-J message (OCPP-J 1.6 §4): a CALL, a CALLRESULT or a CALLERROR.
public enum OCPPFrame: Sendable, Equatable {
    /// `[2, messageId, action, payload]`: a request.
    case call(Call)
    /// `[3, messageId, payload]`: the answer to a request.
    case callResult(CallResult)
    /// `[4, messageId, errorCode, errorDescription, errorDetails]`: a request that failed.
    case callError(CallError)

    /// A request, its payload not yet decoded.
    public struct Call: Sendable, Equatable {
        /// The id that the answer must carry.
        public var messageId: String
        /// The action requested.
        public var action: Action
        /// The request's JSON object; decode it with ``StationRequest``, ``CentralSystemRequest`` or
        /// the request type's `init(decoding:)`.
        public var payload: JSONPayload
    }

    /// An answer, its payload not yet decoded: only the caller knows which request it answers.
    public struct CallResult: Sendable, Equatable {
        /// The id of the CALL it answers.
        public var messageId: String
        /// The response's JSON object.
        public var payload: JSONPayload

        /// Decodes the payload as the response to a request of type `request`.
        /// - Throws: ``OCPPError`` carrying this result's message id.
        public func decode<Request: OCPPRequest>(
            responseTo request: Request.Type
        ) throws(OCPPError) -> Request.Response {
            do {
                return try Request.Response(decoding: payload)
            } catch {
                throw error.answering(messageId)
            }
        }
    }

    /// A failed request.
    public struct CallError: Sendable, Equatable {
        /// The id of the CALL it answers.
        public var messageId: String
        /// The error code. A peer's unknown code reads as ``CallErrorCode/genericError``, and OCPP 2.0's
        /// `FormatViolation` (sent by some 1.6 implementations) as ``CallErrorCode/formationViolation``.
        public var code: CallErrorCode
        /// The peer's description of the error.
        public var description: String
        /// The peer's details, a JSON object.
        public var details: JSONPayload
    }

    /// Bounds on what a peer may send, so that hostile input costs little and ends in an error.
    public struct Limits: Sendable, Equatable {
        /// The largest frame accepted, in bytes.
        public var maxBytes: Int
        /// The deepest nesting of arrays and objects accepted, counting the frame's own array.
        public var maxDepth: Int

        /// 1 MiB and 32 levels: far above any valid OCPP 1.6 message (the deepest nests 6 levels).
        public static let standard = Limits(maxBytes: 1 << 20, maxDepth: 32)

        /// Creates limits.
        public init(maxBytes: Int, maxDepth: Int) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }
    }

    /// The message id the frame carries.
    public var messageId: String {
        switch self {
        case .call(let call): call.messageId
        case .callResult(let result): result.messageId
        case .callError(let error): error.messageId
        }
    }
}
