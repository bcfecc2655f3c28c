public import Net
public import OCPP
import Synchronization

/// The embedded CSMS behind a WebSocket server: `ocpp-fleet csms --listen HOST:PORT`, and the central
/// system `ocpp-fleet run` starts in-process when no `--csms` is given.
///
/// It accepts any station id from the URL path (`ws://HOST:PORT/anything/<id>`), checks HTTP Basic auth
/// when ``CSMSConfiguration/password`` is set, and runs one ``CentralSystem`` core per event loop.
///
/// ```swift
/// let server = CSMSServer(configuration: CSMSConfiguration(heartbeatInterval: 60))
/// let port = try await server.start(listen: "127.0.0.1:0")
/// // stations connect to ws://127.0.0.1:<port>/<id>
/// let figures = server.counterSnapshot     // ["received.BootNotification": 1000, ...]
/// await server.stop()
/// ```
public final class CSMSServer: Sendable {
    private struct Running: Sendable {
        let server: WebSocketServer
        let shards: [CSMSShard]
        let siblings: CSMSShardList
        let ownedGroup: EventLoopGroup?
    }

    /// How it answers.
    public let configuration: CSMSConfiguration
    private let group: EventLoopGroup?
    private let loopCount: Int
    private let options: WebSocketServerOptions
    private let running = Mutex<Running?>(nil)
    private let links = CSMSLinkCount()
    /// The cores of the last run, kept by ``stop()``: a restarted server goes on with their counters and
    /// transactions, as a CSMS with a database would.
    private let stoppedCores = Mutex<[CentralSystem]>([])
    /// The one queue of every core when ``CSMSConfiguration/serviceRate`` is set: the rate is the server's.
    private let serviceQueue: ServiceQueue?

    /// - Parameters:
    ///   - configuration: how to answer.
    ///   - group: the event loops to serve on (the fleet's, for `run`); nil starts `loopCount` loops of
    ///     its own, stopped by ``stop()``.
    ///   - loopCount: how many loops to start when `group` is nil.
    ///   - options: the WebSocket server's limits and timeouts, and its certificate and key for `wss://`.
    public init(
        configuration: CSMSConfiguration, group: EventLoopGroup? = nil, loopCount: Int = 1,
        options: WebSocketServerOptions = WebSocketServerOptions()
    ) {
        self.configuration = configuration
        self.group = group
        self.loopCount = loopCount
        self.options = options
        serviceQueue = configuration.serviceRate.map { ServiceQueue(callsPerSecond: $0) }
    }

    /// Starts listening.
    /// - Parameters:
    ///   - listen: `HOST:PORT` with a numeric host (`127.0.0.1:9000`, `[::1]:9000`); port 0 lets the
    ///     system choose one.
    ///   - sharingPort: the port is one this server's parent process listens on already, and this
    ///     process serves a share of its links (`ocpp-fleet csms --processes N`): it is not refused as
    ///     taken by another process.
    /// - Returns: the port bound.
    /// - Throws: ``CSMSServerError`` when the address cannot be read or bound, when another process
    ///   listens on the port already (``CSMSServerError/isPortInUse``), or when the server runs already.
    @discardableResult
    public func start(listen: String, sharingPort: Bool = false) async throws(CSMSServerError) -> UInt16 {
        let address = try ListenAddress(listen)
        guard running.withLock({ $0 == nil }) else {
            throw CSMSServerError(.alreadyStarted, "the embedded CSMS is already listening")
        }
        // Our loops share the port through SO_REUSEPORT, which would let us share it with a stranger too.
        if !sharingPort, address.port != 0, let socketAddress = SocketAddress(ip: address.host, port: address.port),
            PortProbe.isTaken(socketAddress)
        {
            throw CSMSServerError(
                .portInUse,
                "port \(address.port) is in use by another process: stop it or choose another port")
        }
        do {
            // A write to a link the station just closed must be an error, not SIGPIPE killing the process.
            try NetProcess.prepare()
        } catch {
            throw CSMSServerError(.cannotListen, "cannot prepare the process for sockets: \(error)")
        }
        let ownedGroup: EventLoopGroup?
        let loops: EventLoopGroup
        if let group {
            ownedGroup = nil
            loops = group
        } else {
            do {
                loops = try EventLoopGroup(loopCount: loopCount)
            } catch {
                throw CSMSServerError(.cannotListen, "cannot start event loops: \(error)")
            }
            ownedGroup = loops
        }
        let kept = stoppedCores.withLock { $0 }
        let shardCount = loops.loops.count
        let siblings = CSMSShardList(transactionIDs: configuration.transactionIDs)
        let shards = loops.loops.enumerated().map { index, loop in
            // The cores are kept only when they can go on with the same shard count and transaction ids.
            let core = kept.count == shardCount
                ? kept[index]
                : CentralSystem(
                    configuration: configuration, shard: index, shardCount: shardCount, serviceQueue: serviceQueue)
            return CSMSShard(loop: loop, core: core, links: links, siblings: siblings)
        }
        siblings.set(shards)
        let server: WebSocketServer
        do {
            server = try await WebSocketServer.start(
                host: address.host, port: address.port, group: loops, options: options
            ) { loop in
                shards.first { $0.loop === loop }!
            }
        } catch {
            siblings.clear()
            ownedGroup?.shutdown()
            throw CSMSServerError(.cannotListen, "cannot listen on \(listen): \(error)")
        }
        running.withLock { $0 = Running(server: server, shards: shards, siblings: siblings, ownedGroup: ownedGroup) }
        return server.address.port
    }

    /// Stops listening and closes every station's link. The counters stay readable, and a later
    /// ``start(listen:)`` goes on with them and with the open transactions.
    public func stop() async {
        guard let stopping = running.withLock({ state -> Running? in
            defer { state = nil }
            return state
        }) else { return }
        await stopping.server.stop()
        for shard in stopping.shards {
            _ = try? await shard.loop.submit { shard.closeAll() }
        }
        stoppedCores.withLock { $0 = stopping.shards.map { shard in shard.core.withLock { $0 } } }
        // The shards hold the list and the list holds them.
        stopping.siblings.clear()
        stopping.ownedGroup?.shutdown()
    }

    /// Every counter of every loop, added up (names in ``CentralSystem/counterSnapshot``);
    /// `stations.connected` and `stations.max_connected` count across loops.
    public var counterSnapshot: [String: Double] {
        if let shards = running.withLock({ $0?.shards }) {
            return merge(shards.map { shard in shard.core.withLock { $0.counters } })
        }
        return merge(stoppedCores.withLock { $0.map(\.counters) })
    }

    /// Sends a command to a connected station and waits for how it ends.
    /// - Returns: the outcome, or nil when no station is connected under `stationID`.
    public func send(_ command: CentralSystemRequest, to stationID: String) async -> CommandOutcome? {
        guard let shard = running.withLock({ $0?.shards.first { $0.serves(stationID) } }) else { return nil }
        return await withCheckedContinuation { continuation in
            shard.loop.execute {
                shard.send(command, to: stationID) { continuation.resume(returning: $0) }
            }
        }
    }

    /// Sends a command to every station connected now, without waiting: the outcomes land in the
    /// counters (`commands.<Action>.<Outcome>`). For a profile's fleet-wide events (a firmware rollout,
    /// a charging cap).
    /// - Returns: how many stations it was sent to.
    @discardableResult
    public func broadcast(_ command: CentralSystemRequest) async -> Int {
        guard let shards = running.withLock({ $0?.shards }) else { return 0 }
        var sent = 0
        for shard in shards {
            sent += (try? await shard.loop.submit { shard.broadcast(command) }) ?? 0
        }
        return sent
    }

    private func merge(_ cores: [CSMSCounters]) -> [String: Double] {
        var total = CSMSCounters()
        for counters in cores { total.add(counters) }
        var figures = total.snapshot
        let connected = links.figures
        figures["stations.connected"] = Double(connected.now)
        figures["stations.max_connected"] = Double(connected.max)
        return figures
    }
}
