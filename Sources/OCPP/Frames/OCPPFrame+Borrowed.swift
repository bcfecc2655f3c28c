import JSON

extension OCPPFrame {
    /// One OCPP-J message read where its bytes lie, for a receiver that acts on it at once: parsing it
    /// copies nothing (no array, no message id), and what is read from it is copied out only when asked for.
    ///
    /// It points into bytes it does not own, such as an event loop's read buffer, and is valid only while
    /// they are: use it within the call that lent them (a WebSocket handler's `received`) and keep only the
    /// values its members return (a message id, a decoded payload, ``frame``), which own their storage.
    ///
    ///     let frame = try OCPPFrame.Borrowed(parsing: text)
    ///     switch frame.kind {
    ///     case .call: let request = try CentralSystemRequest(frame)       // frame.messageId to answer
    ///     case .callResult: if frame.hasMessageId(sent) { try frame.decode(responseTo: HeartbeatRequest.self) }
    ///     case .callError(let code): ...
    ///     }
    public struct Borrowed {
        /// What the message is.
        public enum Kind: Sendable, Equatable {
            /// A CALL of this action; decode it with ``CentralSystemRequest`` (or ``StationRequest``)
            /// or ``decodePayload(as:)``.
            case call(Action)
            /// A CALLRESULT; decode it with ``decode(responseTo:)``.
            case callResult
            /// A CALLERROR with this code (its description and details are in ``frame``).
            case callError(CallErrorCode)
        }

        /// What the message is.
        public let kind: Kind
        private let base: UnsafePointer<UInt8>
        private let count: Int
        private let envelope: Envelope

        /// Parses one OCPP-J message in place, checking exactly what ``OCPPFrame/init(parsing:limits:)``
        /// checks, with the same errors.
        /// - Parameters:
        ///   - text: the UTF-8 text of one WebSocket message, which must outlive the value.
        ///   - limits: the size and nesting accepted.
        /// - Throws: ``OCPPError``.
        public init(parsing text: UnsafeRawBufferPointer, limits: Limits = .standard) throws(OCPPError) {
            let bytes = text.assumingMemoryBound(to: UInt8.self)
            envelope = try Envelope(parsing: bytes, limits: limits)
            // No frame is empty text, so text that parsed has storage.
            base = bytes.baseAddress!
            count = bytes.count
            switch envelope.kind {
            case .call(let action): kind = .call(action)
            case .callResult: kind = .callResult
            case .callError(let code, _): kind = .callError(code)
            }
        }

        /// The message id, copied out.
        public var messageId: String {
            envelope.messageId(in: base)
        }

        /// Writes the message id as a JSON string, copied from where it lies: an answer's id costs no `String`.
        func writeMessageId(to writer: inout JSONWriter) {
            switch envelope.id {
            case .input(let start, let count):
                // The id had no escape in the text, and JSON text holds no bare quote, backslash or control
                // character: its bytes need none either.
                writer.unescapedString { $0.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count)) }
            case .decoded:
                writer.string(messageId)
            }
        }

        /// Whether the message id is `messageId`, compared in place.
        public func hasMessageId(_ messageId: String) -> Bool {
            envelope.hasMessageId(messageId, in: base)
        }

        /// Whether the message id's UTF-8 text is `messageId`, compared in place.
        public func hasMessageId(utf8 messageId: UnsafeRawBufferPointer) -> Bool {
            envelope.hasMessageId(messageId, in: base)
        }

        /// Decodes the payload (a CALLERROR's details) as `type`.
        /// - Throws: ``OCPPError`` with the code of the payload's first violation, carrying the message id.
        public func decodePayload<Payload: OCPPPayload>(as type: Payload.Type) throws(OCPPError) -> Payload {
            do {
                return try payloadText.decode(type)
            } catch {
                throw error.answering(messageId)
            }
        }

        /// Decodes a CALLRESULT's payload as the response to a request of type `request`, as
        /// ``OCPPFrame/CallResult/decode(responseTo:)`` does.
        /// - Throws: ``OCPPError`` carrying the message id.
        public func decode<Request: OCPPRequest>(responseTo request: Request.Type) throws(OCPPError) -> Request.Response {
            try decodePayload(as: Request.Response.self)
        }

        /// Decodes a CALL's request in place with `decode`, for the request types of this module.
        /// - Throws: ``OCPPError`` carrying the message id; ``CallErrorCode/protocolError`` when the frame is
        ///   no CALL.
        func decodeRequest<Request>(
            _ decode: (Action, BorrowedPayload) throws(OCPPError) -> Request
        ) throws(OCPPError) -> Request {
            guard case .call(let action) = kind else {
                throw OCPPError(code: .protocolError, messageId: messageId, reason: "the frame is no CALL")
            }
            do {
                return try decode(action, payloadText)
            } catch {
                throw error.answering(messageId)
            }
        }

        /// The payload's text in place, for the typed decoders of this module.
        var payloadText: BorrowedPayload {
            BorrowedPayload(base: base, range: envelope.payload)
        }

        /// The message as an ``OCPPFrame`` that owns a copy of its text: for what must outlive the bytes.
        public var frame: OCPPFrame {
            envelope.frame(owning: Array(UnsafeBufferPointer(start: base, count: count)))
        }
    }
}
