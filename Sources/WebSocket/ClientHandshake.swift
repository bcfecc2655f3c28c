/// The client's half of the opening handshake (RFC 6455 §4.1), as pure functions.
enum ClientHandshake {
    /// The subprotocol OCPP 1.6J requires.
    static let subprotocol = "ocpp1.6"
    private static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The `Sec-WebSocket-Accept` value a server must answer to `key` (the key's Base64 text).
    static func accept(forKey key: String) -> String {
        Base64.encode(SHA1.digest(Array((key + acceptGUID).utf8)))
    }

    /// The key's Base64 text, from its 16 random bytes kept as two words.
    static func keyText(_ key: (UInt64, UInt64)) -> String {
        var bytes = [UInt8]()
        for word in [key.0, key.1] {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return Base64.encode(bytes)
    }

    /// Appends the upgrade request to `output`.
    static func appendRequest(_ request: WebSocketClientRequest, key: String, to output: inout [UInt8]) {
        // Appended piece by piece: building one String first would cost as much as the rest.
        output.append(contentsOf: "GET ".utf8)
        output.append(contentsOf: request.path.utf8)
        output.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        output.append(contentsOf: request.host.utf8)
        output.append(contentsOf: "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ".utf8)
        output.append(contentsOf: key.utf8)
        output.append(contentsOf: "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ".utf8)
        output.append(contentsOf: subprotocol.utf8)
        if let credentials = request.credentials {
            output.append(contentsOf: "\r\nAuthorization: ".utf8)
            output.append(contentsOf: credentials.authorizationValue.utf8)
        }
        output.append(contentsOf: "\r\n\r\n".utf8)
    }

    /// What a server's answer head means.
    enum Verdict {
        case accepted
        /// A status other than 101: read the start of its body for the error.
        case refused(RefusalBody)
        case failed(WebSocketError)
    }

    /// How many body bytes of a refusal are kept for the error.
    static let bodyPrefixLimit = 256

    /// Judges the server's answer to a request made with `key`.
    static func verdict(on bytes: [UInt8], key: String) -> Verdict {
        guard let head = HTTPHead(bytes) else {
            return .failed(WebSocketError(.invalidResponse, "the answer is not HTTP"))
        }
        let parts = head.startLineParts(maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
            let status = Int(parts[1])
        else {
            return .failed(WebSocketError(.invalidResponse, "malformed status line: \(head.startLine.prefix(80))"))
        }
        guard status == 101 else {
            // Answers to a GET with these statuses have no body (RFC 9110 §6.4.1).
            if (100..<200).contains(status) || status == 204 || status == 304 {
                return .refused(RefusalBody(statusLine: head.startLine, length: 0, isChunked: false))
            }
            if head.lists("transfer-encoding", token: "chunked") {
                return .refused(RefusalBody(statusLine: head.startLine, length: bodyPrefixLimit, isChunked: true))
            }
            // Without a length the body runs to the end of the connection: up to the limit, or inputEnded().
            let declared = head.value("content-length").flatMap { Int($0) } ?? bodyPrefixLimit
            let length = min(max(declared, 0), bodyPrefixLimit)
            return .refused(RefusalBody(statusLine: head.startLine, length: length, isChunked: false))
        }
        guard head.lists("upgrade", token: "websocket") else {
            return .failed(WebSocketError(.invalidResponse, "101 without Upgrade: websocket"))
        }
        guard head.lists("connection", token: "upgrade") else {
            return .failed(WebSocketError(.invalidResponse, "101 without Connection: Upgrade"))
        }
        guard head.value("sec-websocket-accept") == accept(forKey: key) else {
            return .failed(WebSocketError(.wrongAccept, "Sec-WebSocket-Accept does not match the key"))
        }
        guard head.elements("sec-websocket-extensions").isEmpty else {
            return .failed(WebSocketError(.invalidResponse, "the server chose an extension we did not offer"))
        }
        let protocols = head.elements("sec-websocket-protocol")
        guard protocols == [subprotocol] else {
            let chosen = protocols.isEmpty ? "none" : protocols.joined(separator: ", ")
            return .failed(WebSocketError(.subprotocolRefused, "the server selected \(chosen), not \(subprotocol)"))
        }
        return .accepted
    }

    /// The body of an answer other than 101, read only as far as the error needs.
    struct RefusalBody {
        let statusLine: String
        /// How many raw body bytes to read at most.
        let length: Int
        let isChunked: Bool

        /// Whether `raw` holds as much of the body as the error needs.
        func isComplete(_ raw: [UInt8]) -> Bool {
            raw.count >= length || (isChunked && Self.dechunk(raw).isComplete)
        }

        /// The error for this answer, with the start of its body.
        func error(_ raw: [UInt8]) -> WebSocketError {
            let body = isChunked ? Self.dechunk(raw).body : raw
            return WebSocketError(
                .unexpectedStatus, "the server refused the upgrade", statusLine: statusLine,
                bodyPrefix: String(decoding: body, as: UTF8.self))
        }

        /// The data of a chunked body (RFC 9112 §7.1) as far as `raw` goes, and whether its last chunk
        /// has arrived; a malformed size line ends it.
        static func dechunk(_ raw: [UInt8]) -> (body: [UInt8], isComplete: Bool) {
            var body: [UInt8] = []
            var index = 0
            while true {
                guard let lineEnd = (index..<max(index, raw.count - 1)).first(where: {
                    raw[$0] == UInt8(ascii: "\r") && raw[$0 + 1] == UInt8(ascii: "\n")
                }) else { return (body, false) }
                let sizeText = raw[index..<lineEnd].prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") }
                guard let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16), size >= 0 else {
                    return (body, true)
                }
                if size == 0 { return (body, true) }
                let dataStart = lineEnd + 2
                body += raw[dataStart..<min(raw.count, dataStart + size)]
                guard dataStart + size + 2 <= raw.count else { return (body, false) }
                index = dataStart + size + 2
            }
        }
    }
}
