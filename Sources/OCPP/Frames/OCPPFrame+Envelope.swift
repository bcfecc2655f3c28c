import JSON

extension OCPPFrame {
    /// Where a frame's parts lie in its text, read in the order ``init(parsing:limits:)`` documents, with
    /// nothing copied but a CALLERROR's description: the owned frame and the borrowed one are made from it.
    struct Envelope {
        enum Kind {
            case call(Action)
            case callResult
            case callError(CallErrorCode, description: String)
        }

        let kind: Kind
        /// The UniqueId, still in the text unless it had escapes.
        let id: JSONReader.StringBytes
        /// The payload's span (a CALLERROR's details).
        let payload: Range<Int>

        init(parsing text: UnsafeBufferPointer<UInt8>, limits: Limits) throws(OCPPError) {
            guard text.count <= limits.maxBytes else {
                throw OCPPError(
                    code: .formationViolation, reason: "frame of \(text.count) bytes exceeds \(limits.maxBytes)")
            }
            guard let base = text.baseAddress else {
                // Text without storage is empty: read from a byte of our own, it fails as any empty text does.
                var nothing: UInt8 = 0
                self = try withUnsafePointer(to: &nothing) { (pointer) throws(OCPPError) in
                    try Envelope(parsing: UnsafeBufferPointer(start: pointer, count: 0), limits: limits)
                }
                return
            }
            var reader = JSONReader(base: base, start: 0, end: text.count)
            let elements: Elements
            if let scanned = Elements(scanning: text, maxDepth: limits.maxDepth) {
                elements = scanned
            } else {
                do {
                    elements = try Elements(reading: &reader, maxDepth: limits.maxDepth)
                } catch {
                    var again = JSONReader(base: base, start: 0, end: text.count)
                    throw error.answering(Self.leadingMessageId(&again))
                }
            }
            var id: JSONReader.StringBytes?
            do {
                self = try Self.read(&reader, elements, id: &id)
            } catch {
                throw error.answering(id.map { reader.string($0) })
            }
        }

        private init(kind: Kind, id: JSONReader.StringBytes, payload: Range<Int>) {
            self.kind = kind
            self.id = id
            self.payload = payload
        }

        /// The UniqueId as a string; `base` is the text's first byte.
        func messageId(in base: UnsafePointer<UInt8>) -> String {
            switch id {
            case .input(let start, let count):
                String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
            case .decoded(let decoded):
                String(decoding: decoded, as: UTF8.self)
            }
        }

        /// The frame, its payload sharing `text`, the text this envelope was read from.
        func frame(owning text: [UInt8]) -> OCPPFrame {
            let messageId = text.withUnsafeBufferPointer { self.messageId(in: $0.baseAddress!) }
            let payload = JSONPayload(checked: text, range: payload)
            switch kind {
            case .call(let action):
                return .call(Call(messageId: messageId, action: action, payload: payload))
            case .callResult:
                return .callResult(CallResult(messageId: messageId, payload: payload))
            case .callError(let code, let description):
                return .callError(CallError(messageId: messageId, code: code, description: description, details: payload))
            }
        }

        /// Whether the UniqueId is `messageId`, compared without making a string.
        func hasMessageId(_ messageId: String, in base: UnsafePointer<UInt8>) -> Bool {
            var messageId = messageId
            return messageId.withUTF8 { hasMessageId(UnsafeRawBufferPointer($0), in: base) }
        }

        /// Whether the UniqueId's UTF-8 text is `wanted`.
        func hasMessageId(_ wanted: UnsafeRawBufferPointer, in base: UnsafePointer<UInt8>) -> Bool {
            switch id {
            case .input(let start, let count):
                count == wanted.count
                    && (count == 0 || JSONReader.bytesEqual(base + start, wanted.baseAddress!.assumingMemoryBound(to: UInt8.self), count))
            case .decoded(let decoded):
                decoded.elementsEqual(wanted)
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
            guard let id = try? reader.readStringBytes("UniqueId"), isUniqueId(id, reader) else { return nil }
            return reader.string(id)
        }

        /// Whether `id` can be a UniqueId (at most 36 characters): only such an id is given back to answer
        /// with, since a CALLERROR carrying a longer one would itself be off the protocol.
        private static func isUniqueId(_ id: JSONReader.StringBytes, _ reader: JSONReader) -> Bool {
            reader.withBytes(of: id) { bytes in
                // Characters as Unicode scalars: every byte but UTF-8's continuation bytes starts one.
                bytes.count <= 36 || bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } <= 36
            }
        }

        /// Reads the envelope of text known to be JSON, from the spans of its elements; `id` is set once
        /// the UniqueId is read, so that an error after it can carry it.
        private static func read(
            _ reader: inout JSONReader, _ elements: Elements, id: inout JSONReader.StringBytes?
        ) throws(OCPPError) -> Envelope {
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
            guard let uniqueId = try? reader.readStringBytes("UniqueId") else {
                throw shape("the UniqueId must be a string")
            }
            guard isUniqueId(uniqueId, reader) else { throw shape("the UniqueId is longer than 36 characters") }
            id = uniqueId
            let expected = messageTypeId == 2 ? 4 : messageTypeId == 3 ? 3 : 5
            guard elements.count == expected else {
                throw shape("a frame of MessageTypeId \(messageTypeId) has \(expected) elements, not \(elements.count)")
            }
            switch messageTypeId {
            case 2:
                let action = try readAction(&reader, at: elements[2])
                let payload = try object(elements[3], reader, "the payload")
                return Envelope(kind: .call(action), id: uniqueId, payload: payload)
            case 3:
                return Envelope(kind: .callResult, id: uniqueId, payload: try object(elements[2], reader, "the payload"))
            default:
                reader.index = elements[2].lowerBound
                guard let code = try? reader.readString("ErrorCode") else {
                    throw shape("the ErrorCode must be a string")
                }
                reader.index = elements[3].lowerBound
                guard let description = try? reader.readString("ErrorDescription") else {
                    throw shape("the ErrorDescription must be a string")
                }
                let details = try object(elements[4], reader, "the ErrorDetails")
                return Envelope(
                    kind: .callError(CallErrorCode(received: code), description: description), id: uniqueId,
                    payload: details)
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
        private static func object(_ span: Range<Int>, _ reader: JSONReader, _ what: String) throws(OCPPError) -> Range<Int> {
            guard reader.byte(span.lowerBound) == UInt8(ascii: "{") else {
                throw OCPPError(code: .formationViolation, reason: "\(what) must be a JSON object")
            }
            return span
        }
    }
}
