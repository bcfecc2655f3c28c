import Foundation
import Net
import Synchronization
import WebSocket

/// Counters a loop's client shard shares with the driver thread.
final class ClientStats: Sendable {
    let opened = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let received = Atomic<Int>(0)
}

/// One loop's share of the client connections: opens them with a bound on connects in flight, and in
/// round-trip mode keeps one Heartbeat in flight on each.
final class ClientShard: WebSocketHandler, @unchecked Sendable {
    // @unchecked Sendable: everything but `stats` is touched only on `loop`, through `loop.execute`.
    static let heartbeat = Array(#"[2,"1","Heartbeat",{}]"#.utf8)

    let loop: EventLoop
    let client: WebSocketClient
    let stats = ClientStats()
    let source: SocketAddress?
    private var channels: [WebSocketChannel] = []
    private var remaining = 0
    private var inFlight = 0
    private let maxInFlight: Int
    private var nextIndex: Int
    private var running = false
    private var lastError: String?

    init(loop: EventLoop, client: WebSocketClient, source: SocketAddress?, maxInFlight: Int, firstIndex: Int) {
        self.loop = loop
        self.client = client
        self.source = source
        self.maxInFlight = maxInFlight
        self.nextIndex = firstIndex
    }

    func open(_ count: Int) {
        remaining += count
        fill()
    }

    private func fill() {
        while inFlight < maxInFlight && remaining > 0 {
            remaining -= 1
            inFlight += 1
            nextIndex += 1
            client.connect(station: "B\(nextIndex)", on: loop, handler: self, sourceAddress: source)
        }
    }

    func startRoundTrips() {
        running = true
        for channel in channels { send(on: channel) }
    }

    func stopRoundTrips() {
        running = false
    }

    func closeAll() {
        let all = channels
        channels = []
        for channel in all { channel.abort() }
    }

    private func send(on channel: WebSocketChannel) {
        Self.heartbeat.withUnsafeBytes { _ = channel.send(text: $0) }
    }

    func webSocketOpened(_ channel: WebSocketChannel) {
        channel.tag = 1
        inFlight -= 1
        channels.append(channel)
        stats.opened.add(1, ordering: .relaxed)
        fill()
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        stats.received.add(1, ordering: .relaxed)
        if running { send(on: channel) }
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
        guard channel.tag == 0 else { return }
        inFlight -= 1
        stats.failed.add(1, ordering: .relaxed)
        if stats.failed.load(ordering: .relaxed) <= 3 {
            FileHandle.standardError.write(Data("connect failed: \(reason)\n".utf8))
        }
        fill()
    }
}

/// The client side, run as a child process for one scenario, so that its memory and CPU are its own.
enum BenchClient {
    struct Setup {
        let group: EventLoopGroup
        let shards: [ClientShard]

        var opened: Int { shards.reduce(0) { $0 + $1.stats.opened.load(ordering: .relaxed) } }
        var failed: Int { shards.reduce(0) { $0 + $1.stats.failed.load(ordering: .relaxed) } }
        var received: Int { shards.reduce(0) { $0 + $1.stats.received.load(ordering: .relaxed) } }

        /// Opens `count` connections spread over the shards and waits (at most 120 s) until all are settled.
        func open(_ count: Int) throws {
            let before = opened + failed
            for (index, shard) in shards.enumerated() {
                let share = count / shards.count + (index < count % shards.count ? 1 : 0)
                shard.loop.execute { shard.open(share) }
            }
            let deadline = ProcessStats.seconds() + 120
            while opened + failed < before + count && ProcessStats.seconds() < deadline { usleep(1000) }
            if failed > 0 { throw BenchFailure(description: "\(failed) connections failed") }
            if opened + failed < before + count { throw BenchFailure(description: "connections did not open in time") }
        }

        func closeAll() async throws {
            for shard in shards { try await shard.loop.submit { shard.closeAll() } }
        }
    }

    static func makeSetup(url: String, loops: Int, caFile: String?, source: String?, maxInFlight: Int) throws -> Setup {
        try NetProcess.prepare()
        let group = try EventLoopGroup(loopCount: loops)
        let client = try WebSocketClient(
            url: url, options: WebSocketClientOptions(connectTimeout: .seconds(30), caFile: caFile))
        let sourceAddress = source.flatMap { SocketAddress(ip: $0, port: 0) }
        let shards = group.loops.enumerated().map { index, loop in
            ClientShard(
                loop: loop, client: client, source: sourceAddress, maxInFlight: max(1, maxInFlight / loops),
                firstIndex: index * 1_000_000)
        }
        return Setup(group: group, shards: shards)
    }

    /// "idle": warm up, report, then open `count` connections and report the memory they took.
    static func idle(_ setup: Setup, count: Int) async throws {
        try setup.open(200)
        try await setup.closeAll()
        usleep(200_000)
        say("WARM")
        _ = readLine()
        let before = ProcessStats.residentBytes()
        try setup.open(count)
        usleep(1_000_000)
        let after = ProcessStats.residentBytes()
        say("IDLE \(before) \(after)")
        _ = readLine()
        try await setup.closeAll()
    }

    /// "rt": open `count` connections, then keep one Heartbeat in flight on each for `seconds`.
    static func roundTrips(_ setup: Setup, count: Int, seconds: Double) async throws {
        try setup.open(count)
        for shard in setup.shards { shard.loop.execute { shard.startRoundTrips() } }
        usleep(500_000)
        say("READY")
        _ = readLine()
        let startCount = setup.received
        let startCPU = ProcessStats.cpuMicroseconds()
        let start = ProcessStats.seconds()
        usleep(UInt32(seconds * 1_000_000))
        let elapsed = ProcessStats.seconds() - start
        let cpu = ProcessStats.cpuMicroseconds() - startCPU
        let trips = setup.received - startCount
        say("RT \(trips) \(cpu) \(elapsed)")
        for shard in setup.shards { try await shard.loop.submit { shard.stopRoundTrips() } }
        usleep(100_000)
        try await setup.closeAll()
    }

    /// "setup": open `count` connections with a bound on those in flight, and time it.
    static func connectionSetup(_ setup: Setup, count: Int) async throws {
        try setup.open(100)
        try await setup.closeAll()
        usleep(100_000)
        say("WARM")
        _ = readLine()
        let startCPU = ProcessStats.cpuMicroseconds()
        let start = ProcessStats.seconds()
        try setup.open(count)
        let elapsed = ProcessStats.seconds() - start
        say("SETUP \(count) \(elapsed) \(ProcessStats.cpuMicroseconds() - startCPU)")
        try await setup.closeAll()
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}
