import JSON

extension OCPPFrame {
    /// Parses one OCPP-J message.
    ///
    /// Each mistake gets one code, whatever else is wrong (OCPP-J 1.6 §4.2.3), because the frame is read
    /// in this order and the first step that fails decides:
    /// 1. the whole text as JSON (grammar, UTF-8, nesting within `limits`, nothing after the value, at most
    ///    `limits.maxBytes`) and an array: ``CallErrorCode/formationViolation``;
    /// 2. the envelope, an array that is not an OCPP-J message (a MessageTypeId other than 2, 3
    ///    or 4; a UniqueId that is not a string of at most 36 characters; the wrong number of elements for
    ///    its type; an Action, ErrorCode or ErrorDescription that is not a string):
    ///    ``CallErrorCode/protocolError``;
    /// 3. a CALL's action, outside OCPP 1.6: ``CallErrorCode/notImplemented``;
    /// 4. the payload (or a CALLERROR's details), not a JSON object: ``CallErrorCode/formationViolation``.
    ///
    /// The payload's fields are checked when it is decoded into a typed value, which then meets only
    /// well-formed JSON and reports only schema violations. The error carries the message id when the
    /// frame begins as `[<type>, "<id>"`, even if what follows is not JSON, and the id is at most 36
    /// characters long.
    /// - Parameters:
    ///   - bytes: the UTF-8 text of one WebSocket message.
    ///   - limits: the size and nesting accepted.
    /// - Throws: ``OCPPError``.
    public init(parsing bytes: [UInt8], limits: Limits = .standard) throws(OCPPError) {
        guard bytes.count <= limits.maxBytes else {
            throw OCPPError(
                code: .formationViolation, reason: "frame of \(bytes.count) bytes exceeds \(limits.maxBytes)")
        }
        let whole = JSONPayload(checked: bytes, range: bytes.indices)
        let elements: Elements
        do {
            elements = try Elements(of: whole, bytes: bytes, maxDepth: limits.maxDepth)
        } catch {
            let messageId = try? whole.withReader { (reader) throws(OCPPError) in Self.leadingMessageId(&reader) }
            throw error.answering(messageId)
        }
        var messageId: String?
        do {
            self = try whole.withReader { (reader) throws(OCPPError) in
                try Self.envelope(&reader, elements, bytes: bytes, messageId: &messageId)
            }
        } catch {
            throw error.answering(messageId)
        }
    }

    /// Where each element of the frame's array lies in the text (the first five: no frame has more),
    /// found while the whole text is checked as JSON.
    struct Elements: Equatable {
        var isArray = false
        var count = 0
        private var spans = (0..<0, 0..<0, 0..<0, 0..<0, 0..<0)

        init() {}

        /// The elements of `whole` (the text of `bytes`): scanned when the text is plainly well-formed,
        /// else read by the full check, which throws what is wrong.
        init(of whole: JSONPayload, bytes: [UInt8], maxDepth: Int) throws(OCPPError) {
            if let scanned = bytes.withUnsafeBufferPointer({ Elements(scanning: $0, maxDepth: maxDepth) }) {
                self = scanned
                return
            }
            self = try whole.withReader { (reader) throws(OCPPError) in
                try Elements(reading: &reader, maxDepth: maxDepth)
            }
        }

        init(reading reader: inout JSONReader, maxDepth: Int) throws(OCPPError) {
            reader.maxDepth = maxDepth
            do {
                if reader.peek() == UInt8(ascii: "[") {
                    isArray = true
                    var array = try reader.beginArray()
                    while try reader.nextElement(in: &array) {
                        reader.skipWhitespace()
                        let start = reader.index
                        try reader.skipValue()
                        append(start..<reader.index)
                    }
                } else {
                    try reader.skipValue()
                }
                try reader.expectEnd()
            } catch {
                throw OCPPError.formation("", error)
            }
        }

        mutating func append(_ span: Range<Int>) {
            switch count {
            case 0: spans.0 = span
            case 1: spans.1 = span
            case 2: spans.2 = span
            case 3: spans.3 = span
            case 4: spans.4 = span
            default: break
            }
            count += 1
        }

        subscript(_ position: Int) -> Range<Int> {
            switch position {
            case 0: spans.0
            case 1: spans.1
            case 2: spans.2
            case 3: spans.3
            default: spans.4
            }
        }

        static func == (lhs: Elements, rhs: Elements) -> Bool {
            lhs.isArray == rhs.isArray && lhs.count == rhs.count
                && (0..<min(lhs.count, 5)).allSatisfy { lhs[$0] == rhs[$0] }
        }
    }

    private static func shape(_ reason: String) -> OCPPError {
        OCPPError(code: .protocolError, reason: reason)
    }

    /// The UniqueId of text that begins as a frame does, `[<integer>, "<id>"`, to answer with.
    private static func leadingMessageId(_ reader: inout JSONReader) -> String? {
        reader.skipWhitespace()
        guard reader.byte(reader.index) == UInt8(ascii: "[") else { return nil }
        reader.index += 1
        guard (try? reader.readInt("MessageTypeId")) != nil else { return nil }
        reader.skipWhitespace()
        guard reader.byte(reader.index) == UInt8(ascii: ",") else { return nil }
        reader.index += 1
        guard let id = try? reader.readString("UniqueId"), isUniqueId(id) else { return nil }
        return id
    }

    /// Whether `id` can be a UniqueId (at most 36 characters): only such an id is given back to answer
    /// with, since a CALLERROR carrying a longer one would itself be off the protocol.
    private static func isUniqueId(_ id: String) -> Bool {
        id.utf8.count <= 36 || id.unicodeScalars.count <= 36
    }

    /// Reads the envelope of text known to be JSON, from the spans of its elements.
    private static func envelope(
        _ reader: inout JSONReader, _ elements: Elements, bytes: [UInt8], messageId: inout String?
    ) throws(OCPPError) -> OCPPFrame {
        // JSON that is not an array is no OCPP-J message at all: malformed, as text that is not JSON is.
        guard elements.isArray else {
            throw OCPPError(code: .formationViolation, reason: "a frame must be a JSON array")
        }
        guard elements.count >= 2 else { throw shape("a frame has a MessageTypeId and a UniqueId at least") }
        reader.index = elements[0].lowerBound
        guard let messageTypeId = try? reader.readInt("MessageTypeId"), reader.index == elements[0].upperBound,
            (2...4).contains(messageTypeId)
        else {
            throw shape("the MessageTypeId must be 2, 3 or 4")
        }
        reader.index = elements[1].lowerBound
        guard let id = try? reader.readString("UniqueId") else { throw shape("the UniqueId must be a string") }
        guard isUniqueId(id) else { throw shape("the UniqueId is longer than 36 characters") }
        messageId = id
        let expected = messageTypeId == 2 ? 4 : messageTypeId == 3 ? 3 : 5
        guard elements.count == expected else {
            throw shape("a frame of MessageTypeId \(messageTypeId) has \(expected) elements, not \(elements.count)")
        }
        switch messageTypeId {
        case 2:
            let action = try readAction(&reader, at: elements[2])
            let payload = try object(elements[3], in: bytes, "the payload")
            return .call(Call(messageId: id, action: action, payload: payload))
        case 3:
            return .callResult(CallResult(messageId: id, payload: try object(elements[2], in: bytes, "the payload")))
        default:
            reader.index = elements[2].lowerBound
            guard let code = try? reader.readString("ErrorCode") else { throw shape("the ErrorCode must be a string") }
            reader.index = elements[3].lowerBound
            guard let description = try? reader.readString("ErrorDescription") else {
                throw shape("the ErrorDescription must be a string")
            }
            let details = try object(elements[4], in: bytes, "the ErrorDetails")
            return .callError(
                CallError(messageId: id, code: CallErrorCode(received: code), description: description, details: details))
        }
    }

    private static func readAction(_ reader: inout JSONReader, at span: Range<Int>) throws(OCPPError) -> Action {
        reader.index = span.lowerBound
        guard reader.byte(reader.index) == UInt8(ascii: "\"") else { throw shape("the Action must be a string") }
        let name = try reader.readStringBytes("Action")
        guard let action = reader.withBytes(of: name, { Action.names.value($0) }) else {
            throw OCPPError(
                code: .notImplemented, field: "Action", reason: "'\(reader.text(of: name))' is not an OCPP 1.6 action")
        }
        return action
    }

    /// An element that must be a JSON object; its grammar is already checked.
    private static func object(_ span: Range<Int>, in bytes: [UInt8], _ what: String) throws(OCPPError) -> JSONPayload {
        guard bytes[span.lowerBound] == UInt8(ascii: "{") else {
            throw OCPPError(code: .formationViolation, reason: "\(what) must be a JSON object")
        }
        return JSONPayload(checked: bytes, range: span)
    }
}
