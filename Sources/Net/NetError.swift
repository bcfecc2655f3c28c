import Basics
import Glibc
import WebSocket

/// Why a connection could not be made, or why it ended badly, in words a user understands.
///
/// Compare ``code`` with the static members of ``Code``; ``description`` says what happened and where.
public struct NetError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case invalidURL, nameNotResolved, connectionRefused, connectTimeout, tlsFailure, handshakeRejected
            case subprotocolRefused, handshakeFailed, protocolViolation, abruptClose, pingTimeout, system
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The URL is not `ws://` or `wss://` with a host.
        public static let invalidURL = Code(.invalidURL)
        /// The host name did not resolve to an address.
        public static let nameNotResolved = Code(.nameNotResolved)
        /// Nothing listens at the address (`ECONNREFUSED`).
        public static let connectionRefused = Code(.connectionRefused)
        /// The TCP connect (or the handshake after it) did not finish in time.
        public static let connectTimeout = Code(.connectTimeout)
        /// The TLS handshake or a TLS record failed; ``NetError/description`` says why.
        public static let tlsFailure = Code(.tlsFailure)
        /// The server answered the upgrade with an HTTP status other than 101.
        public static let handshakeRejected = Code(.handshakeRejected)
        /// The server did not select the `ocpp1.6` subprotocol.
        public static let subprotocolRefused = Code(.subprotocolRefused)
        /// Another failure of the opening handshake (a malformed answer or request).
        public static let handshakeFailed = Code(.handshakeFailed)
        /// The peer broke RFC 6455 (or sent too big a message, invalid UTF-8, or a binary frame, which
        /// OCPP-J does not allow); we closed with the code in ``NetError/webSocketError``.
        public static let protocolViolation = Code(.protocolViolation)
        /// The connection ended without a close handshake.
        public static let abruptClose = Code(.abruptClose)
        /// The peer left a ping unanswered for a whole ``WebSocketChannel/pingInterval``: the link is
        /// presumed dead and was closed without a close handshake.
        public static let pingTimeout = Code(.pingTimeout)
        /// A system call failed in another way.
        public static let system = Code(.system)

        public var description: String { "\(kind)" }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, for a person.
    public let description: String
    /// The WebSocket codec's error, for handshake and protocol failures.
    public private(set) var webSocketError: WebSocketError?

    /// The close code we sent when the peer broke the protocol (``Code/protocolViolation``): 1002, 1003
    /// for a binary frame, 1007 for invalid UTF-8, 1009 for a frame or message too big; `nil` otherwise.
    public var sentCloseCode: UInt16? {
        webSocketError?.closeCode?.rawValue
    }

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
        self.webSocketError = nil
    }

    /// A failed connect to `address`, named after its errno.
    static func connect(_ error: SystemCallError, to address: SocketAddress) -> NetError {
        switch error.code {
        case ECONNREFUSED:
            NetError(.connectionRefused, "connection refused by \(address) (nothing listens there)")
        case ETIMEDOUT:
            NetError(.connectTimeout, "connect to \(address) timed out")
        case EADDRNOTAVAIL:
            NetError(
                .system,
                "cannot connect to \(address): no local port left (spread connections with --source-addresses)")
        default:
            NetError(.system, "cannot connect to \(address): \(error)")
        }
    }

    /// A handshake or protocol failure the WebSocket codec reported, with the peer it concerns.
    init(webSocket error: WebSocketError, peer: String) {
        switch error.code {
        case .unexpectedStatus:
            var text = "\(peer) refused the WebSocket upgrade: \(error.statusLine ?? "no status line")"
            if let body = error.bodyPrefix, !body.isEmpty { text += ": \(body)" }
            self.init(.handshakeRejected, text)
        case .subprotocolRefused:
            self.init(.subprotocolRefused, "\(peer) refused the ocpp1.6 subprotocol: \(error.reason)")
        case .protocolViolation, .invalidUTF8, .messageTooBig, .binaryMessage:
            let code = error.closeCode.map { " (closed with \($0))" } ?? ""
            self.init(.protocolViolation, "\(peer) broke the WebSocket protocol: \(error.reason)\(code)")
        case .abruptClose:
            self.init(.abruptClose, "\(peer) closed the connection without a close handshake")
        default:
            self.init(.handshakeFailed, "WebSocket handshake with \(peer) failed: \(error.reason)")
        }
        self.webSocketError = error
    }
}
