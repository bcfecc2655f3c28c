import Basics
import Net
import OCPP
import Synchronization
import WebSocket

/// One event loop's part of the ``CSMSServer``: the core for the stations this loop accepted, and the
/// driver that carries its effects out on their channels and timers.
final class CSMSShard: WebSocketHandler, TimerOwner, @unchecked Sendable {
    // @unchecked Sendable: `core` is behind a Mutex because the counters are read from other threads (the
    // lock is uncontended on the hot path); every other mutable field is confined to `loop`, reached only
    // from its callbacks or from tasks the server runs on it.

    private enum TimerTag {
        static let delayedSend: UInt32 = 1
        static let commandDeadline: UInt32 = 2
    }

    private struct DelayedSend {
        let station: StationHandle
        let frame: [UInt8]
        let due: Int64
    }

    let loop: EventLoop
    let core: Mutex<CentralSystem>
    private let password: String?
    private let links: CSMSLinkCount
    /// Every shard of the server, this one included, in core order: where a transaction started on
    /// another loop is stopped.
    private let siblings: CSMSShardList
    // The state touched for every CALL is unchecked for exclusivity: confined to the loop, accessed briefly.
    /// Open channels by station slot; a channel's `tag` holds its station's handle.
    @exclusivity(unchecked) private var channels: [WebSocketChannel?] = []
    @exclusivity(unchecked) private var effects: [CSMSEffect] = []
    /// Where the core writes the answer to the CALL being handled; reused from CALL to CALL.
    @exclusivity(unchecked) private var answer: [UInt8] = []
    /// Answers waiting for their due time, oldest first: every answer waits the same delay, so the
    /// queue is in due order and one timer, on its head, serves it.
    private var delayed: [DelayedSend] = []
    private var delayedHead = 0
    private var delayTimer: TimerID?
    private var commandTimer: TimerID?
    private var waiters: [String: @Sendable (CommandOutcome) -> Void] = [:]

    init(loop: EventLoop, core: CentralSystem, links: CSMSLinkCount, siblings: CSMSShardList) {
        self.loop = loop
        password = core.configuration.password
        self.core = Mutex(core)
        self.links = links
        self.siblings = siblings
    }

    // MARK: WebSocketHandler

    func webSocketUpgradeRequested(_ channel: WebSocketChannel, request: WebSocketUpgradeRequest) -> WebSocketRefusal? {
        guard !channel.stationID.isEmpty else { return .notFound }
        guard let password else { return nil }
        // OCPP 1.6 security profile 1: the user name is the station's identity.
        guard let credentials = request.credentials, credentials.username == channel.stationID,
            credentials.password == password
        else { return .unauthorized }
        return nil
    }

    func webSocketOpened(_ channel: WebSocketChannel) {
        let now = SystemClock.wallMilliseconds()
        let station = core.withLock { $0.connect(stationID: channel.stationID, now: now, into: &effects) }
        links.opened()
        perform(now: now)
        channel.tag = Self.tag(station)
        let index = Int(station.index)
        if index >= channels.count { channels.append(contentsOf: repeatElement(nil, count: index + 1 - channels.count)) }
        channels[index] = channel
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        let now = SystemClock.wallMilliseconds()
        let station = Self.station(channel.tag)
        answer.removeAll(keepingCapacity: true)
        let due = core.withLock {
            $0.receive(text, from: station, now: now, answeringInto: &answer, effects: &effects)
        }
        // Most CALLs leave nothing else to do.
        if !effects.isEmpty { perform(now: now) }
        guard let due else { return }
        if due <= now {
            answer.withUnsafeBytes { _ = channel.send(text: $0) }
        } else {
            delay(answer, to: station, due: due, now: now)
        }
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
        let now = SystemClock.wallMilliseconds()
        let station = Self.station(channel.tag)
        let index = Int(station.index)
        // A channel replaced by a newer one under the same id was already let go.
        guard index < channels.count, channels[index] === channel else { return }
        channels[index] = nil
        links.closed()
        core.withLock { $0.disconnect(station, now: now, into: &effects) }
        perform(now: now)
    }

    // MARK: Commands

    /// Whether the station is connected on this loop; from any thread.
    func serves(_ stationID: String) -> Bool {
        core.withLock { $0.station(stationID) } != nil
    }

    /// Sends a command to the station and calls `reply` with its outcome when it ends; on the loop.
    func send(_ command: CentralSystemRequest, to stationID: String, reply: @escaping @Sendable (CommandOutcome) -> Void) {
        let now = SystemClock.wallMilliseconds()
        guard let messageId = core.withLock({ $0.send(command, to: stationID, now: now, into: &effects) }) else {
            reply(.lost)
            return
        }
        waiters[messageId] = reply
        perform(now: now)
    }

    /// Sends a command to every station of this loop; on the loop. Returns how many.
    func broadcast(_ command: CentralSystemRequest) -> Int {
        let now = SystemClock.wallMilliseconds()
        var sent = 0
        core.withLock { core in
            for stationID in Array(core.connectedStationIDs)
            where core.send(command, to: stationID, now: now, into: &effects) != nil {
                sent += 1
            }
        }
        perform(now: now)
        return sent
    }

    /// Lets every station go, ending their commands, and closes their channels; on the loop.
    func closeAll() {
        let now = SystemClock.wallMilliseconds()
        let open = channels
        channels.removeAll()
        core.withLock { $0.disconnectAll(now: now, into: &effects) }
        perform(now: now)
        for channel in open {
            guard let channel else { continue }
            links.closed()
            channel.close(code: .goingAway, reason: "CSMS stopping")
        }
    }

    // MARK: Effects

    private func perform(now: Int64) {
        for effect in effects {
            switch effect {
            case .send(let station, let frame, let due):
                if due <= now {
                    send(frame, to: station)
                } else {
                    delay(frame, to: station, due: due, now: now)
                }
            case .close(let station):
                let index = Int(station.index)
                if index < channels.count, let channel = channels[index], channel.tag == Self.tag(station) {
                    channels[index] = nil
                    links.closed()
                    channel.close(code: .policyViolation, reason: "replaced by a newer connection")
                }
            case .commandCompleted(let completion):
                waiters.removeValue(forKey: completion.messageId)?(completion.outcome)
            case .stopForAnotherCore(let id):
                // Our core's lock is not held here: taking the other core's cannot deadlock.
                siblings.owner(ofTransaction: id)?.core.withLock { $0.stopFromAnotherCore(transactionId: id) }
            }
        }
        effects.removeAll(keepingCapacity: true)
        armCommandTimer(now: now)
    }

    private func delay(_ frame: [UInt8], to station: StationHandle, due: Int64, now: Int64) {
        delayed.append(DelayedSend(station: station, frame: frame, due: due))
        armDelayTimer(now: now)
    }

    private func send(_ frame: [UInt8], to station: StationHandle) {
        let index = Int(station.index)
        guard index < channels.count, let channel = channels[index], channel.tag == Self.tag(station) else { return }
        frame.withUnsafeBytes { _ = channel.send(text: $0) }
    }

    func timerFired(_ tag: UInt32) {
        let now = SystemClock.wallMilliseconds()
        switch tag {
        case TimerTag.delayedSend:
            delayTimer = nil
            while delayedHead < delayed.count, delayed[delayedHead].due <= now {
                send(delayed[delayedHead].frame, to: delayed[delayedHead].station)
                delayedHead += 1
            }
            if delayedHead == delayed.count {
                delayed.removeAll(keepingCapacity: true)
                delayedHead = 0
            }
            armDelayTimer(now: now)
        default:
            commandTimer = nil
            core.withLock { $0.expireCommands(now: now, into: &effects) }
            perform(now: now)
        }
    }

    private func armDelayTimer(now: Int64) {
        guard delayTimer == nil, delayedHead < delayed.count else { return }
        let wait = max(0, delayed[delayedHead].due - now)
        delayTimer = loop.scheduleTimer(after: .milliseconds(wait), owner: self, tag: TimerTag.delayedSend)
    }

    private func armCommandTimer(now: Int64) {
        guard commandTimer == nil, let deadline = core.withLock({ $0.nextDeadline }) else { return }
        commandTimer = loop.scheduleTimer(
            after: .milliseconds(max(0, deadline - now)), owner: self, tag: TimerTag.commandDeadline)
    }

    private static func tag(_ station: StationHandle) -> Int {
        Int(station.index) | Int(station.generation) << 32
    }

    private static func station(_ tag: Int) -> StationHandle {
        StationHandle(index: UInt32(truncatingIfNeeded: tag), generation: UInt32(truncatingIfNeeded: tag >> 32))
    }
}
