import JSON

/// Why bytes could not become an OCPP frame or a typed payload, with the CallError code that
/// OCPP-J 1.6 §4.2.3 prescribes for the answer.
///
/// When the error comes from a CALL whose message id could be read, ``messageId`` holds it, so that
/// the receiver can answer with a CALLERROR (``OCPPFrame/encodeCallError(messageId:code:description:details:into:)``).
/// A CALLRESULT or CALLERROR that fails to parse must not be answered; its id only helps to match it.
public struct OCPPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code to answer with.
    public var code: CallErrorCode
    /// The message id of the frame in error, when it could be read.
    public var messageId: String?
    /// The JSON path of the field in error (`meterValue[0].sampledValue[1].unit`), or "" when the
    /// error is not about one field.
    public var field: String
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(code: CallErrorCode, messageId: String? = nil, field: String = "", reason: String) {
        self.code = code
        self.messageId = messageId
        self.field = field
        self.reason = reason
    }

    /// The field and the reason, as sent in a CALLERROR's errorDescription.
    public var description: String {
        field.isEmpty ? reason : "\(field): \(reason)"
    }

    /// The same error, located in the member or element `path` of an enclosing value.
    func inside(_ path: String) -> OCPPError {
        var located = self
        if field.isEmpty {
            located.field = path
        } else if field.hasPrefix("[") {
            located.field = path + field
        } else {
            located.field = path + "." + field
        }
        return located
    }

    /// The same error, attributed to the frame with this message id.
    func answering(_ messageId: String?) -> OCPPError {
        var attributed = self
        attributed.messageId = messageId
        return attributed
    }

    static func formation(_ field: StaticString, _ reason: String) -> OCPPError {
        OCPPError(code: .formationViolation, field: "\(field)", reason: reason)
    }

    /// A grammar error of the JSON text, as a formation violation that says where it is.
    @usableFromInline
    static func formation(_ field: StaticString, _ error: JSONError) -> OCPPError {
        OCPPError(code: .formationViolation, field: "\(field)", reason: error.description)
    }

    static func type(_ field: StaticString, _ expected: String) -> OCPPError {
        OCPPError(code: .typeConstraintViolation, field: "\(field)", reason: "expected \(expected)")
    }

    static func property(_ field: StaticString, _ reason: String) -> OCPPError {
        OCPPError(code: .propertyConstraintViolation, field: "\(field)", reason: reason)
    }

    static func missing(_ field: StaticString) -> OCPPError {
        OCPPError(code: .occurenceConstraintViolation, field: "\(field)", reason: "required field is missing")
    }

    static func duplicate(_ field: StaticString) -> OCPPError {
        OCPPError(code: .formationViolation, field: "\(field)", reason: "field appears twice")
    }
}
