/// Why a WebSocket handshake or connection failed.
///
/// Compare ``code`` with the static members of ``Code``; the other properties carry the details that
/// apply to that code.
public struct WebSocketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case unexpectedStatus, wrongAccept, subprotocolRefused, invalidResponse, handshakeTooLarge
            case invalidRequest, protocolViolation, invalidUTF8, messageTooBig, binaryMessage, abruptClose, notOpen
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// Client: the server answered the upgrade with a status other than 101.
        /// ``WebSocketError/statusLine`` and ``WebSocketError/bodyPrefix`` tell what it said.
        public static let unexpectedStatus = Code(.unexpectedStatus)
        /// Client: the server's `Sec-WebSocket-Accept` does not match our key.
        public static let wrongAccept = Code(.wrongAccept)
        /// Client: the server upgraded without selecting the `ocpp1.6` subprotocol.
        public static let subprotocolRefused = Code(.subprotocolRefused)
        /// Client: the server's 101 answer is not a valid WebSocket upgrade.
        public static let invalidResponse = Code(.invalidResponse)
        /// The HTTP head exceeded ``WebSocketConfiguration/maxHandshakeSize``.
        public static let handshakeTooLarge = Code(.handshakeTooLarge)
        /// Server: the client's upgrade request is not valid; it was answered with 400 or 426.
        public static let invalidRequest = Code(.invalidRequest)
        /// The peer broke RFC 6455; a close frame with 1002 was written.
        public static let protocolViolation = Code(.protocolViolation)
        /// A text message or a close reason is not valid UTF-8; a close frame with 1007 was written.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A frame or a message exceeds the configured maximum; a close frame with 1009 was written.
        public static let messageTooBig = Code(.messageTooBig)
        /// A binary message came while ``WebSocketConfiguration/acceptsBinaryMessages`` is off (OCPP-J
        /// allows text only); a close frame with 1003 was written.
        public static let binaryMessage = Code(.binaryMessage)
        /// The byte stream ended before the close handshake.
        public static let abruptClose = Code(.abruptClose)
        /// A frame was to be sent on a connection that is not open.
        public static let notOpen = Code(.notOpen)

        /// The kind's name.
        public var description: String { "\(kind)" }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, for a person.
    public let reason: String
    /// The close code written to the peer, for failures of an open connection.
    public let closeCode: WebSocketCloseCode?
    /// The HTTP status line of an answer other than 101 (``Code/unexpectedStatus``).
    public let statusLine: String?
    /// The first bytes of that answer's body, decoded leniently.
    public let bodyPrefix: String?

    init(
        _ code: Code, _ reason: String, closeCode: WebSocketCloseCode? = nil, statusLine: String? = nil,
        bodyPrefix: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.closeCode = closeCode
        self.statusLine = statusLine
        self.bodyPrefix = bodyPrefix
    }

    /// The failure for a person: kind, reason and the details that apply.
    public var description: String {
        var text = "WebSocket \(code): \(reason)"
        if let statusLine { text += " (\(statusLine))" }
        if let bodyPrefix, !bodyPrefix.isEmpty { text += ": \(bodyPrefix)" }
        if let closeCode { text += " [close \(closeCode)]" }
        return text
    }
}
