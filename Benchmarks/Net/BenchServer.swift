import Foundation
import Net
import Synchronization
import WebSocket

/// The server side, run as a child process: answers every Heartbeat CALL with a CALLRESULT and obeys
/// commands on stdin ("cpu", "rss", "count", "quit"), answering each on one stdout line.
enum BenchServer {
    static let answer = Array(#"[3,"1",{"currentTime":"2026-11-26T07:00:00.000Z"}]"#.utf8)

    /// Answers heartbeats; counts open channels for the parent's "count" command.
    final class Handler: WebSocketHandler, @unchecked Sendable {
        // @unchecked Sendable: the handler is only called on its loop; `open` is atomic.
        let counter: Counter
        init(counter: Counter) { self.counter = counter }
        func webSocketOpened(_ channel: WebSocketChannel) { counter.open.add(1, ordering: .relaxed) }
        func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
            BenchServer.answer.withUnsafeBytes { _ = channel.send(text: $0) }
        }
        func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
            counter.open.subtract(1, ordering: .relaxed)
        }
    }

    static func run(loops: Int, certificate: String?, key: String?) async throws {
        try NetProcess.prepare()
        let group = try EventLoopGroup(loopCount: loops)
        let counter = Counter()
        let options = WebSocketServerOptions(certificateChainFile: certificate, privateKeyFile: key)
        let server = try await WebSocketServer.start(host: "127.0.0.1", port: 0, group: group, options: options) {
            _ in Handler(counter: counter)
        }
        say("PORT \(server.address.port)")
        while let command = readLine() {
            switch command {
            case "cpu": say("CPU \(ProcessStats.cpuMicroseconds())")
            case "rss": say("RSS \(ProcessStats.residentBytes())")
            case "count": say("COUNT \(counter.open.load(ordering: .relaxed))")
            default:
                group.shutdown()
                return
            }
        }
        group.shutdown()
    }
}

/// Shares the server's open-channel count between its loops and the command reader.
final class Counter: Sendable {
    let open = Atomic<Int>(0)
}
