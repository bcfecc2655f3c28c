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
        let envelope = try bytes.withUnsafeBufferPointer { (text) throws(OCPPError) in
            try Envelope(parsing: text, limits: limits)
        }
        self = envelope.frame(owning: bytes)
    }

    /// Where each element of the frame's array lies in the text (the first five: no frame has more),
    /// found while the whole text is checked as JSON.
    struct Elements: Equatable {
        var isArray = false
        var count = 0
        private var spans = (0..<0, 0..<0, 0..<0, 0..<0, 0..<0)

        init() {}

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
}
