import COpenSSL

/// A TLS failure, with a ``Reason`` a program can match and a message a person can read.
///
/// The message names the cause first (“certificate has expired”) and keeps OpenSSL's own words
/// after it, so that a user can both understand it and search for it.
public struct TLSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why a TLS connection or configuration failed. New reasons may be added.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private enum Code: Hashable, Sendable {
            case untrustedCertificate
            case hostnameMismatch
            case certificateExpired
            case certificateNotYetValid
            case certificateRejected
            case handshakeFailed
            case closedWithoutCloseNotify
            case protocolError
            case connectionClosed
            case configuration
        }

        private let code: Code

        private init(_ code: Code) { self.code = code }

        /// The peer's certificate chains to no trusted authority: an unknown CA or a self-signed certificate.
        public static let untrustedCertificate = Reason(.untrustedCertificate)
        /// The peer's certificate is valid but names another host than the one we connected to.
        public static let hostnameMismatch = Reason(.hostnameMismatch)
        /// The peer's certificate (or one in its chain) has expired.
        public static let certificateExpired = Reason(.certificateExpired)
        /// The peer's certificate (or one in its chain) is not valid yet: often a clock that is wrong.
        public static let certificateNotYetValid = Reason(.certificateNotYetValid)
        /// The peer's certificate failed verification for another reason, named in the message.
        public static let certificateRejected = Reason(.certificateRejected)
        /// The handshake failed for a reason other than our verification of the peer's certificate
        /// (no common protocol version or cipher, the peer rejected our certificate, ...).
        public static let handshakeFailed = Reason(.handshakeFailed)
        /// The peer closed the connection without sending close_notify: the data may be truncated.
        public static let closedWithoutCloseNotify = Reason(.closedWithoutCloseNotify)
        /// The peer sent bytes that are not valid TLS after the handshake.
        public static let protocolError = Reason(.protocolError)
        /// Data was given to a connection that is already closing or closed.
        public static let connectionClosed = Reason(.connectionClosed)
        /// The configuration could not be applied: a file that cannot be read, a key that does not match.
        public static let configuration = Reason(.configuration)

        public var description: String {
            switch code {
            case .untrustedCertificate: "certificate not trusted (unknown CA or self-signed)"
            case .hostnameMismatch: "certificate does not match the host name"
            case .certificateExpired: "certificate expired"
            case .certificateNotYetValid: "certificate not yet valid"
            case .certificateRejected: "certificate rejected"
            case .handshakeFailed: "TLS handshake failed"
            case .closedWithoutCloseNotify: "peer closed the connection without TLS close_notify"
            case .protocolError: "TLS protocol error"
            case .connectionClosed: "TLS connection already closed"
            case .configuration: "TLS configuration error"
            }
        }
    }

    /// What went wrong, to match on.
    public let reason: Reason
    /// Details: OpenSSL's verification or error strings, or the file that could not be used.
    public let detail: String

    /// Makes an error; ``detail`` adds to the reason's own words.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? reason.description : "\(reason): \(detail)"
    }
}

extension TLSError {
    /// An error named after OpenSSL's verification result, as `SSL_get_verify_result` gives it.
    static func verification(result: Int) -> TLSError {
        let text = String(cString: X509_verify_cert_error_string(result))
        return TLSError(reason(forVerifyResult: Int32(truncatingIfNeeded: result)), detail: text)
    }

    private static func reason(forVerifyResult result: Int32) -> Reason {
        switch result {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
            X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_CERT_UNTRUSTED:
            .untrustedCertificate
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            .hostnameMismatch
        case X509_V_ERR_CERT_HAS_EXPIRED:
            .certificateExpired
        case X509_V_ERR_CERT_NOT_YET_VALID:
            .certificateNotYetValid
        default:
            .certificateRejected
        }
    }

    /// An error carrying, and clearing, the calling thread's OpenSSL error queue.
    ///
    /// OpenSSL keeps its errors per thread; an event loop runs many connections on one thread, so the
    /// queue is drained here, and cleared before each call by ``OpenSSLErrorQueue/clear()``.
    static func fromErrorQueue(_ reason: Reason, context: String) -> TLSError {
        let queued = OpenSSLErrorQueue.drain()
        return TLSError(reason, detail: queued.isEmpty ? context : "\(context) (\(queued))")
    }
}
