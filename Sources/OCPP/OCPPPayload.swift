import JSON

/// A typed OCPP 1.6J payload: a request or a response of one action, or a type nested in one.
///
/// Conforming types read themselves from JSON with every constraint of the official schema checked
/// (required fields, CiString lengths, integer vs decimal, date-times, enum values, no unknown or
/// repeated field), and write compact JSON that the schema accepts.
///
/// What they read cannot trap where it is used: integers are within `Int32` (OCPP 2.0.1's rule for every
/// integer, which a station holds so), decimals are finite `Double`s, date-times are of the years 0001
/// to 9999; anything beyond is refused with ``CallErrorCode/propertyConstraintViolation`` and the
/// field's path.
public protocol OCPPPayload: PayloadEncodable, Equatable {
    /// Reads the value from the JSON object at the reader's position.
    /// - Throws: ``OCPPError`` with the CallError code of the first violation found.
    init(from reader: inout JSONReader) throws(OCPPError)
}

/// A request: a payload that opens a CALL, with the type of its answer.
public protocol OCPPRequest: OCPPPayload {
    /// The payload of the CALLRESULT that answers this request.
    associatedtype Response: OCPPPayload
    /// The action a CALL of this request names.
    static var action: Action { get }
}

extension OCPPPayload {
    /// Decodes a payload taken from a frame.
    /// - Throws: ``OCPPError`` with the CallError code of the first violation found.
    @inlinable
    public init(decoding payload: JSONPayload) throws(OCPPError) {
        self = try payload.withReader { (reader) throws(OCPPError) in
            let value = try Self(from: &reader)
            try reader.expectEndOfText()
            return value
        }
    }

    /// Decodes a payload from the bytes of a JSON object.
    /// - Throws: ``OCPPError`` with the CallError code of the first violation found.
    public init(decodingJSON bytes: [UInt8]) throws(OCPPError) {
        try self.init(decoding: JSONPayload(validating: bytes))
    }

    /// Appends the payload's JSON to `buffer`.
    public func encode(into buffer: inout [UInt8]) {
        JSONWriter.append(to: &buffer) { encode(to: &$0) }
    }

    /// The payload's JSON.
    public var jsonBytes: [UInt8] {
        var bytes: [UInt8] = []
        encode(into: &bytes)
        return bytes
    }

    /// The payload as a ``JSONPayload``, as it would appear in a frame.
    public var jsonPayload: JSONPayload {
        let bytes = jsonBytes
        return JSONPayload(checked: bytes, range: bytes.indices)
    }
}
