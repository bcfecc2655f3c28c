// Fuzz target `websocket`: arbitrary bytes from the peer of one WebSocket connection (the codec, sans I/O).
//
// Input: a mode byte, a chunk-size byte, then the peer's bytes, fed in reads of that size (0: one read)
// so that frames and HTTP heads straddle reads. The mode's bits choose the side under test (bit 0: client),
// whether the handshake is already done (bit 1, by a real client and server of ours) and whether an
// upgrade request is accepted (bit 2). Beyond "no trap, no hang": at most one event per byte, text
// messages are valid UTF-8, and, once open, each text received is echoed, and every byte the connection
// wrote (echoes, pongs, close frames) must read back at the other end as those same texts, with no failure.
import WebSocket

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    var exchange = WebSocketExchange(mode: data[0])
    exchange.run(Array(UnsafeBufferPointer(start: data + 2, count: size - 2)), chunk: Int(data[1]))
    return 0
}

/// A deterministic source of masking keys and handshake keys.
struct CountingRandom: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return state ^ (state >> 29)
    }
}

struct WebSocketExchange {
    let testsClient: Bool
    let startsOpen: Bool
    let acceptsUpgrade: Bool
    var tested: WebSocketConnection
    /// The other end, when the handshake was done in process: it reads what `tested` writes.
    var peer: WebSocketConnection?

    init(mode: UInt8) {
        testsClient = mode & 1 != 0
        startsOpen = mode & 2 != 0
        acceptsUpgrade = mode & 4 != 0
        var random = CountingRandom(state: UInt64(mode))
        var request: [UInt8] = []
        var client = WebSocketConnection.client(
            WebSocketClientRequest(host: "127.0.0.1:8180", path: "/ocpp/GU00001"), random: &random, requestInto: &request)
        var server = WebSocketConnection.server()
        if startsOpen {
            var answer: [UInt8] = []
            guard case .upgradeRequested = Self.events(&server, request, &answer).first else {
                fatalError("our server does not take our client's request")
            }
            server.acceptUpgrade(into: &answer)
            var unused: [UInt8] = []
            guard case .opened = Self.events(&client, answer, &unused).first else {
                fatalError("our client does not take our server's answer")
            }
        }
        tested = testsClient ? client : server
        peer = startsOpen ? (testsClient ? server : client) : nil
    }

    mutating func run(_ input: [UInt8], chunk: Int) {
        var output: [UInt8] = []
        var echoed: [[UInt8]] = []
        var events = 0
        var start = 0
        while start < input.count {
            let end = chunk == 0 ? input.count : min(input.count, start + chunk)
            var read = Array(input[start..<end])
            read.withUnsafeMutableBytes { buffer in
                var unread = buffer
                while let event = tested.receive(&unread, into: &output) {
                    events += 1
                    guard events <= input.count + 1 else { fatalError("more events than bytes") }
                    handle(event, &output, &echoed)
                }
                guard unread.isEmpty else { fatalError("receive returned nil with \(unread.count) bytes unread") }
            }
            start = end
        }
        _ = tested.inputEnded()
        if var peer {
            var unused: [UInt8] = []
            var received: [[UInt8]] = []
            for seen in Self.events(&peer, output, &unused) {
                switch seen {
                case .text(let bytes): received.append(bytes)
                case .failed(let error): fatalError("the peer refuses what was written: \(error)")
                case .upgradeRequested, .opened, .other: break
                }
            }
            guard received == echoed else { fatalError("echoed \(echoed.count) texts, the peer read \(received.count)") }
        }
    }

    private mutating func handle(_ event: WebSocketEvent, _ output: inout [UInt8], _ echoed: inout [[UInt8]]) {
        switch event {
        case .upgradeRequested:
            if acceptsUpgrade {
                tested.acceptUpgrade(into: &output)
            } else {
                tested.refuseUpgrade(.notFound, into: &output)
            }
        case .text(let payload):
            let bytes = payload.bytes
            guard String(validating: bytes, as: UTF8.self) != nil else { fatalError("a text message is not UTF-8") }
            if tested.isOpen {
                try? payload.withUnsafeBytes { (text) throws(WebSocketError) in try tested.send(text: text, into: &output) }
                echoed.append(bytes)
            }
        case .opened, .binary, .pong, .closed, .failed:
            break
        }
    }

    /// What an end saw, copied out of the read buffer.
    enum Seen {
        case upgradeRequested
        case opened
        case text([UInt8])
        case failed(WebSocketError)
        case other
    }

    /// Every event `connection` finds in `bytes`, read at once.
    static func events(_ connection: inout WebSocketConnection, _ bytes: [UInt8], _ output: inout [UInt8]) -> [Seen] {
        var copy = bytes
        var seen: [Seen] = []
        copy.withUnsafeMutableBytes { buffer in
            var unread = buffer
            while let event = connection.receive(&unread, into: &output) {
                switch event {
                case .upgradeRequested: seen.append(.upgradeRequested)
                case .opened: seen.append(.opened)
                case .text(let payload): seen.append(.text(payload.bytes))
                case .failed(let error): seen.append(.failed(error))
                case .binary, .pong, .closed: seen.append(.other)
                }
            }
        }
        return seen
    }
}
