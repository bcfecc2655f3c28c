/// The server's half of the opening handshake (RFC 6455 §4.2), as pure functions.
enum ServerHandshake {
    /// What a client's request head means.
    enum Verdict {
        /// A valid request; `key` is the client's 16-byte key as two words.
        case valid(WebSocketUpgradeRequest, key: (UInt64, UInt64))
        /// An invalid request, already answered in the output.
        case invalid(WebSocketError)
    }

    /// Judges a request head, appending a 400 or 426 answer to `output` when it is invalid.
    static func verdict(on bytes: [UInt8], output: inout [UInt8]) -> Verdict {
        func reject(_ reason: String, upgradeRequired: Bool = false) -> Verdict {
            if upgradeRequired {
                appendAnswer(
                    status: "426 Upgrade Required",
                    fields: ["Upgrade: websocket", "Sec-WebSocket-Version: 13"], body: reason, to: &output)
            } else {
                appendAnswer(status: "400 Bad Request", fields: [], body: reason, to: &output)
            }
            return .invalid(WebSocketError(.invalidRequest, reason))
        }
        guard let head = HTTPHead(bytes) else { return reject("malformed HTTP request") }
        let parts = head.startLineParts(maxSplits: Int.max)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), parts[2] != "HTTP/1.0" else {
            return reject("malformed request line")
        }
        guard parts[0] == "GET" else { return reject("the upgrade must be a GET") }
        guard parts[1].first == "/" else { return reject("the request target must be a path") }
        guard let host = head.value("host") else { return reject("no Host") }
        guard head.lists("upgrade", token: "websocket") else {
            return reject("not a WebSocket upgrade", upgradeRequired: true)
        }
        guard head.lists("connection", token: "upgrade") else { return reject("no Connection: Upgrade") }
        guard head.value("sec-websocket-version") == "13" else {
            return reject("only WebSocket version 13 is supported", upgradeRequired: true)
        }
        guard let keyText = head.value("sec-websocket-key"), let key = Base64.decode(keyText.utf8), key.count == 16
        else { return reject("Sec-WebSocket-Key is not 16 bytes in Base64") }
        guard head.lists("sec-websocket-protocol", token: ClientHandshake.subprotocol) else {
            return reject("the client does not offer the \(ClientHandshake.subprotocol) subprotocol")
        }
        var credentials: WebSocketCredentials?
        if let authorization = head.value("authorization") {
            guard let parsed = WebSocketCredentials(authorizationValue: authorization) else {
                return reject("Authorization is not Basic credentials")
            }
            credentials = parsed
        }
        let words = key.withUnsafeBytes {
            (UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)),
             UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        let request = WebSocketUpgradeRequest(path: parts[1], host: host, credentials: credentials)
        return .valid(request, key: words)
    }

    /// Appends the 101 answer that opens the connection.
    static func appendAcceptance(key: (UInt64, UInt64), to output: inout [UInt8]) {
        // Appended piece by piece: building one String first would cost as much as the rest.
        output.append(contentsOf: "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n".utf8)
        output.append(contentsOf: "Connection: Upgrade\r\nSec-WebSocket-Accept: ".utf8)
        output.append(contentsOf: ClientHandshake.accept(forKey: ClientHandshake.keyText(key)).utf8)
        output.append(contentsOf: "\r\nSec-WebSocket-Protocol: ".utf8)
        output.append(contentsOf: ClientHandshake.subprotocol.utf8)
        output.append(contentsOf: "\r\n\r\n".utf8)
    }

    /// Appends an answer that turns the request down and ends the connection.
    static func appendAnswer(status: String, fields: [String], body: String, to output: inout [UInt8]) {
        var head = "HTTP/1.1 \(status)\r\n"
        for field in fields { head += field + "\r\n" }
        head += "Content-Type: text/plain; charset=utf-8\r\n"
        head += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        output.append(contentsOf: head.utf8)
        output.append(contentsOf: body.utf8)
    }
}
