extension OCPPFrame {
    /// Parses one OCPP-J message.
    ///
    /// The envelope is read here; the payload of a CALL or CALLRESULT is checked when it is decoded into
    /// a typed value, so that the hot path reads each byte once. A CALLERROR's details are checked here.
    ///
    /// The codes follow OCPP-J 1.6 §4.2.3: bytes that are not JSON (or exceed `limits`) give
    /// ``CallErrorCode/formationViolation``; JSON that is not a frame gives ``CallErrorCode/protocolError``;
    /// a CALL of an action outside OCPP 1.6 gives ``CallErrorCode/notImplemented``; a payload that is not
    /// an object gives ``CallErrorCode/formationViolation``. The error carries the message id when it could
    /// be read. Payload fields are checked when the payload is decoded into a typed value.
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
        var messageId: String?
        do {
            self = try whole.withReader { (reader) throws(OCPPError) in
                try Self.parseFrame(&reader, bytes: bytes, limits: limits, messageId: &messageId)
            }
        } catch where error.code == .protocolError {
            // The frame's shape was wrong; if the text is not even JSON, say that instead.
            do {
                try whole.withReader { (reader) throws(OCPPError) in
                    try reader.skipValue(depth: limits.maxDepth)
                    try reader.expectEnd()
                }
            } catch {
                throw error.answering(messageId)
            }
            throw error.answering(messageId)
        } catch {
            throw error.answering(messageId)
        }
    }

    private static func shape(_ reason: String) -> OCPPError {
        OCPPError(code: .protocolError, reason: reason)
    }

    private static func parseFrame(
        _ reader: inout JSONReader, bytes: [UInt8], limits: Limits, messageId: inout String?
    ) throws(OCPPError) -> OCPPFrame {
        reader.skipWhitespace()
        guard reader.byte(reader.index) == UInt8(ascii: "[") else { throw shape("a frame must be a JSON array") }
        reader.index += 1
        let messageTypeId: Int
        do {
            messageTypeId = try reader.readInt("MessageTypeId")
        } catch {
            throw shape("MessageTypeId must be 2, 3 or 4")
        }
        try expectComma(&reader, "after the MessageTypeId")
        do {
            messageId = try reader.readString("UniqueId")
        } catch {
            throw shape("the UniqueId must be a string")
        }
        guard let id = messageId, id.utf8.count <= 36 || id.unicodeScalars.count <= 36 else {
            throw shape("the UniqueId is longer than 36 characters")
        }
        let frame: OCPPFrame
        switch messageTypeId {
        case 2:
            try expectComma(&reader, "after the UniqueId")
            let action = try readAction(&reader)
            try expectComma(&reader, "after the Action")
            let payload = try readPayload(&reader, bytes: bytes, limits: limits)
            guard case .known(let known) = action else {
                guard case .unknown(let name) = action else { throw shape("unreachable") }
                throw OCPPError(code: .notImplemented, field: "Action", reason: "'\(name)' is not an OCPP 1.6 action")
            }
            frame = .call(Call(messageId: id, action: known, payload: payload))
        case 3:
            try expectComma(&reader, "after the UniqueId")
            let payload = try readPayload(&reader, bytes: bytes, limits: limits)
            frame = .callResult(CallResult(messageId: id, payload: payload))
        case 4:
            try expectComma(&reader, "after the UniqueId")
            let code: String
            let description: String
            do {
                code = try reader.readString("ErrorCode")
                try expectComma(&reader, "after the ErrorCode")
                description = try reader.readString("ErrorDescription")
                try expectComma(&reader, "after the ErrorDescription")
            } catch where error.code == .typeConstraintViolation {
                throw shape("ErrorCode and ErrorDescription must be strings")
            }
            let details = try readObject(&reader, bytes: bytes, limits: limits, what: "the ErrorDetails")
            try expectEndOfFrame(&reader)
            frame = .callError(
                CallError(messageId: id, code: CallErrorCode(received: code), description: description, details: details))
        default:
            throw shape("MessageTypeId \(messageTypeId) is not 2, 3 or 4")
        }
        return frame
    }

    private enum ActionName {
        case known(Action)
        case unknown(String)
    }

    private static func readAction(_ reader: inout JSONReader) throws(OCPPError) -> ActionName {
        reader.skipWhitespace()
        guard reader.byte(reader.index) == UInt8(ascii: "\"") else { throw shape("the Action must be a string") }
        let name = try reader.readStringBytes()
        let action: Action?
        switch name {
        case .input(let start, let count):
            action = Action.names.value(UnsafeBufferPointer(start: reader.base + start, count: count))
        case .decoded(let decoded):
            action = decoded.withUnsafeBufferPointer { Action.names.value($0) }
        }
        if let action { return .known(action) }
        return .unknown(reader.text(of: name))
    }

    private static func expectComma(_ reader: inout JSONReader, _ place: String) throws(OCPPError) {
        reader.skipWhitespace()
        guard reader.byte(reader.index) == UInt8(ascii: ",") else { throw shape("missing element \(place)") }
        reader.index += 1
    }

    private static func expectEndOfFrame(_ reader: inout JSONReader) throws(OCPPError) {
        reader.skipWhitespace()
        guard reader.byte(reader.index) == UInt8(ascii: "]") else { throw shape("too many elements in the frame") }
        reader.index += 1
        guard reader.isAtEnd else { throw OCPPError.formation("", "unexpected data after the frame") }
    }

    /// The payload of a CALL or CALLRESULT: the object between the last comma read and the frame's
    /// closing bracket, found from the end without reading it. Its contents are checked once, when it
    /// is decoded into a typed value (which reads every byte and refuses anything off-schema); reading
    /// it here as well would double the cost of every hot message.
    private static func readPayload(
        _ reader: inout JSONReader, bytes: [UInt8], limits: Limits
    ) throws(OCPPError) -> JSONPayload {
        reader.skipWhitespace()
        let start = reader.index
        var last = reader.end - 1
        while last > start, isWhitespace(reader.byte(last)) { last -= 1 }
        var payloadLast = last - 1
        while payloadLast > start, isWhitespace(reader.byte(payloadLast)) { payloadLast -= 1 }
        if reader.byte(start) == UInt8(ascii: "{") && reader.byte(last) == UInt8(ascii: "]")
            && reader.byte(payloadLast) == UInt8(ascii: "}")
        {
            reader.index = reader.end
            return JSONPayload(checked: bytes, range: start..<(payloadLast + 1))
        }
        // Not the shape of a frame's end: read it all, to say precisely what is wrong.
        let payload = try readObject(&reader, bytes: bytes, limits: limits, what: "the payload")
        try expectEndOfFrame(&reader)
        return payload
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func readObject(
        _ reader: inout JSONReader, bytes: [UInt8], limits: Limits, what: String
    ) throws(OCPPError) -> JSONPayload {
        reader.skipWhitespace()
        let start = reader.index
        guard reader.byte(start) == UInt8(ascii: "{") else {
            if reader.index >= reader.end { throw OCPPError.formation("", "truncated frame") }
            throw OCPPError(code: .formationViolation, reason: "\(what) must be a JSON object")
        }
        try reader.skipValue(depth: limits.maxDepth - 1)
        return JSONPayload(checked: bytes, range: start..<reader.index)
    }
}
