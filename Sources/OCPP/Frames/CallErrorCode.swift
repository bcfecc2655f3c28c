/// The error codes of a CALLERROR, as OCPP-J 1.6 §4.2.3 lists them.
///
/// The raw value is the string sent on the wire. ``occurenceConstraintViolation`` keeps the spec's
/// spelling, which is what a conforming peer sends and expects.
public enum CallErrorCode: String, Sendable, CaseIterable {
    /// The requested action is not known by the receiver.
    case notImplemented = "NotImplemented"
    /// The requested action is recognized but not supported by the receiver.
    case notSupported = "NotSupported"
    /// An internal error occurred and the receiver was not able to process the requested action.
    case internalError = "InternalError"
    /// The payload for the action is incomplete, or the frame does not have the shape of an OCPP-J message.
    case protocolError = "ProtocolError"
    /// A security issue occurred during processing.
    case securityError = "SecurityError"
    /// The payload is syntactically incorrect or does not conform to the PDU structure of the action.
    case formationViolation = "FormationViolation"
    /// The payload is syntactically correct but a field contains an invalid value (length, enum value).
    case propertyConstraintViolation = "PropertyConstraintViolation"
    /// The payload is syntactically correct but a field violates an occurrence constraint (missing, too few).
    case occurenceConstraintViolation = "OccurenceConstraintViolation"
    /// The payload is syntactically correct but a field violates a data type constraint (`"connectorId": "1"`).
    case typeConstraintViolation = "TypeConstraintViolation"
    /// Any other error.
    case genericError = "GenericError"

    /// Reads a code from a peer, tolerating the OCPP 2.0 name `FormatViolation` that some
    /// implementations send; any other unknown code becomes ``genericError``.
    init(received name: String) {
        if let code = CallErrorCode(rawValue: name) {
            self = code
        } else if name == "FormatViolation" {
            self = .formationViolation
        } else {
            self = .genericError
        }
    }
}
