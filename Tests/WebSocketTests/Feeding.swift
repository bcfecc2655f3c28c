import Basics
@testable import WebSocket

/// Feeds `bytes` to `connection` in reads of at most `chunk` bytes, as a transport would, and returns
/// what it reported. An upgrade request is answered by `decide`: accepted when it returns `nil`.
func feed(
    _ connection: inout WebSocketConnection, _ bytes: [UInt8], chunk: Int = Int.max, output: inout [UInt8],
    decide: (WebSocketUpgradeRequest) -> WebSocketRefusal? = { _ in nil }
) -> [Seen] {
    var seen: [Seen] = []
    var start = 0
    repeat {
        let end = min(bytes.count, start + min(chunk, bytes.count - start))
        // A fresh copy per read, as a transport's reused read buffer would hold it.
        var read = Array(bytes[start..<end])
        read.withUnsafeMutableBytes { buffer in
            var unread = buffer
            while let event = connection.receive(&unread, into: &output) {
                seen.append(Seen(event))
                if case .upgradeRequested(let request) = event {
                    if let refusal = decide(request) {
                        connection.refuseUpgrade(refusal, into: &output)
                    } else {
                        connection.acceptUpgrade(into: &output)
                    }
                }
            }
        }
        start = end
    } while start < bytes.count
    return seen
}

func bytes(_ hex: String) -> [UInt8] {
    hex.split(separator: " ").map { UInt8($0, radix: 16)! }
}

/// Limits that let binary messages through, for tests of binary framing (OCPP-J refuses them by default).
let acceptingBinary = WebSocketConfiguration(acceptsBinaryMessages: true)

/// A server that has accepted an upgrade, ready for frames.
func openServer(configuration: WebSocketConfiguration = WebSocketConfiguration()) -> WebSocketConnection {
    var server = WebSocketConnection.server(configuration: configuration)
    var output: [UInt8] = []
    let request = """
        GET /ocpp/GU00001 HTTP/1.1\r
        Host: localhost\r
        Upgrade: websocket\r
        Connection: Upgrade\r
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
        Sec-WebSocket-Version: 13\r
        Sec-WebSocket-Protocol: ocpp1.6\r
        \r

        """
    _ = feed(&server, Array(request.utf8), output: &output)
    precondition(server.isOpen)
    return server
}

let switchingProtocols = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"

/// A client whose upgrade the server accepted, ready for frames.
func openClient(configuration: WebSocketConfiguration = WebSocketConfiguration()) -> WebSocketConnection {
    var random = SplitMix64(seed: 1)
    var output: [UInt8] = []
    var client = WebSocketConnection.client(
        WebSocketClientRequest(host: "localhost", path: "/GU00001"), configuration: configuration,
        random: &random, requestInto: &output)
    let key = requestKey(output)
    let answer = switchingProtocols
        + "Sec-WebSocket-Accept: \(ClientHandshake.accept(forKey: key))\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n"
    output = []
    _ = feed(&client, Array(answer.utf8), output: &output)
    precondition(client.isOpen)
    return client
}

/// The Sec-WebSocket-Key of a request head.
func requestKey(_ request: [UInt8]) -> String {
    let text = String(decoding: request, as: UTF8.self)
    let line = text.split(separator: "\r\n").first { $0.hasPrefix("Sec-WebSocket-Key: ") }!
    return String(line.dropFirst("Sec-WebSocket-Key: ".count))
}
