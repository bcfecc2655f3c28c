import Basics
import Glibc
import WebSocket

/// One WebSocket connection over a non-blocking socket, client or server side, owned by one ``EventLoop``.
///
/// A channel is a small object (its socket, the WebSocket codec's state and a send buffer that holds
/// memory only while the kernel pushes back): an idle connection allocates nothing. It reads into its
/// loop's shared buffer, answers pings, runs the close handshake, and reports to its ``WebSocketHandler``.
///
/// Every property and method must be used on the channel's loop: each public one checks, and stops the
/// process when called from another thread (see ``EventLoop/preconditionInLoop(_:)``), rather than let
/// a send write into the loop's shared output buffer under another channel's feet.
///
/// A channel is made by ``WebSocketClient/connect(station:on:handler:sourceAddress:conditions:keySeed:)``
/// or by a ``WebSocketServer``.
public final class WebSocketChannel {
    enum Phase: UInt8 {
        /// TCP connect in progress (client).
        case connecting
        /// TLS and the HTTP upgrade in progress.
        case handshaking
        case open
        /// We sent a close frame and wait for the peer's.
        case closing
        case closed
    }

    enum TimerTag {
        /// The opening (connect, TLS, upgrade) took too long.
        static let openTimeout: UInt32 = 1
        /// The peer did not answer our close frame.
        static let closeTimeout: UInt32 = 2
        /// A failure found inside a call from the handler, reported from the loop instead.
        static let reportFailure: UInt32 = 3
        /// Time to ping, and to check that the last ping was answered.
        static let ping: UInt32 = 4
        /// Bytes held back by the link's conditions are due (its own timer, beside the others).
        static let shaper: UInt32 = 5
    }

    /// The loop that owns this channel.
    public let loop: EventLoop
    /// The station id: the one a client connected as, or the last path element a server was asked for.
    public var stationID: String {
        loop.preconditionInLoop("WebSocketChannel.stationID")
        return station
    }

    /// Free for the upper layer, e.g. the index of the station this channel carries.
    public var tag: Int {
        get {
            loop.preconditionInLoop("WebSocketChannel.tag")
            return upperTag
        }
        set {
            loop.preconditionInLoop("WebSocketChannel.tag")
            upperTag = newValue
        }
    }

    private var station: String
    private var upperTag = 0
    let handler: any WebSocketHandler
    /// The client that made this channel (its addresses, request and options); `nil` on a server.
    let client: WebSocketClient?
    private(set) var phase: Phase
    var fd: Int32
    /// Which of the client's addresses is being tried.
    private var addressIndex: UInt8 = 0
    private var wantsWrite = false
    private var hasOpened = false
    private var awaitingPong = false
    private var pingMilliseconds: UInt32 = 0
    private var reportedUnwritable = false
    // Unchecked for exclusivity, as the loop's own hot state: confined to the loop, accessed briefly.
    @exclusivity(unchecked) private var codec: WebSocketConnection
    @exclusivity(unchecked) private var outbound = OutboundBuffer()
    private var tls: TLSEngine?
    private var timer: TimerID?
    private var pendingFailure: NetError?
    private let sourceAddress: SocketAddress?
    /// What the link's conditions hold back; `nil` while the network leaves the link alone.
    private var shaper: LinkShaper?

    /// The largest amount of unsent bytes below which ``isWritable`` is `true`.
    public static let highWaterMark = 256 * 1024

    init(
        loop: EventLoop, fd: Int32, phase: Phase, stationID: String, handler: any WebSocketHandler,
        client: WebSocketClient?, codec: WebSocketConnection, tls: TLSEngine?, sourceAddress: SocketAddress?
    ) {
        self.loop = loop
        self.fd = fd
        self.phase = phase
        station = stationID
        self.handler = handler
        self.client = client
        self.codec = codec
        self.tls = tls
        self.sourceAddress = sourceAddress
    }

    // MARK: Public API

    /// Whether messages can be sent: the handshake is done and no side started closing.
    public var isOpen: Bool {
        loop.preconditionInLoop("WebSocketChannel.isOpen")
        return phase == .open
    }

    /// Whether the send buffer is below ``highWaterMark``; when it turns `false`, wait for
    /// ``WebSocketHandler/webSocketWritable(_:)`` before sending more.
    public var isWritable: Bool {
        loop.preconditionInLoop("WebSocketChannel.isWritable")
        return unsentBytes < Self.highWaterMark
    }

    /// The bytes the kernel has not taken yet, with those the link's ``conditions`` hold back.
    public var bufferedBytes: Int {
        loop.preconditionInLoop("WebSocketChannel.bufferedBytes")
        return unsentBytes
    }

    private var unsentBytes: Int { outbound.count + (shaper?.outbound.bytes ?? 0) }

    /// What the network does to this link (see ``LinkConditions``); `nil` or ``LinkConditions/clear``
    /// for nothing. Bytes already delayed keep their delay when the conditions change; those a
    /// partition held go as soon as it heals.
    public var conditions: LinkConditions? {
        get {
            loop.preconditionInLoop("WebSocketChannel.conditions")
            return shaper?.conditions
        }
        set {
            loop.preconditionInLoop("WebSocketChannel.conditions")
            apply(newValue ?? .clear)
        }
    }

    /// Sends a text message (OCPP's JSON) in one frame.
    /// - Returns: `false` when the channel is not open; the message is then dropped.
    @discardableResult
    public func send(text: UnsafeRawBufferPointer) -> Bool {
        loop.preconditionInLoop("WebSocketChannel.send")
        guard phase == .open else { return false }
        do {
            try codec.send(text: text, into: &loop.output)
        } catch {
            loop.output.removeAll(keepingCapacity: true)
            return false
        }
        emitOutput()
        return true
    }

    /// Sends a text message in one frame. - Returns: `false` when the channel is not open.
    @discardableResult
    public func send(text: String) -> Bool {
        var text = text
        return text.withUTF8 { send(text: UnsafeRawBufferPointer($0)) }
    }

    /// While open, sends a ping every `pingInterval` (wall time) and fails the channel
    /// (``NetError/Code/pingTimeout``) when the last ping is still unanswered at the next: a link that died
    /// without a word is found. `nil` (the default) sends no pings; pings from the peer are always answered.
    public var pingInterval: Duration? {
        get {
            loop.preconditionInLoop("WebSocketChannel.pingInterval")
            return pingMilliseconds == 0 ? nil : .milliseconds(pingMilliseconds)
        }
        set {
            loop.preconditionInLoop("WebSocketChannel.pingInterval")
            let milliseconds = newValue.map { UInt32(clamping: max(1, $0.nanoseconds / 1_000_000)) } ?? 0
            pingMilliseconds = milliseconds
            awaitingPong = false
            if phase == .open {
                if milliseconds == 0 {
                    cancelTimer()
                } else {
                    armTimer(after: .milliseconds(milliseconds), tag: TimerTag.ping)
                }
            }
        }
    }

    /// Sends a ping; its pong is only used by ``pingInterval``. - Returns: `false` when the channel is not open.
    @discardableResult
    public func sendPing() -> Bool {
        loop.preconditionInLoop("WebSocketChannel.sendPing")
        return ping()
    }

    private func ping() -> Bool {
        guard phase == .open else { return false }
        do {
            try codec.sendPing(into: &loop.output)
        } catch {
            loop.output.removeAll(keepingCapacity: true)
            return false
        }
        emitOutput()
        return true
    }

    /// Starts the close handshake; ``WebSocketHandler/webSocketClosed(_:reason:)`` follows when the peer
    /// answers, or after `timeout` if it does not. Before the channel is open, this aborts it (and the
    /// handler hears of it before this returns).
    public func close(
        code: WebSocketCloseCode = .normalClosure, reason: String = "", timeout: Duration = .seconds(5)
    ) {
        loop.preconditionInLoop("WebSocketChannel.close")
        switch phase {
        case .open:
            codec.close(code, reason: reason, into: &loop.output)
            emitOutput()
            guard phase == .open else { return }
            phase = .closing
            armTimer(after: timeout, tag: TimerTag.closeTimeout)
        case .connecting, .handshaking:
            finish(.failed(NetError(.abruptClose, "closed by us before the handshake finished")))
        case .closing, .closed:
            break
        }
    }

    /// Closes the socket at once, without a close handshake, as a broken link would. The handler hears
    /// ``WebSocketCloseReason/failed(_:)`` with ``NetError/Code/abruptClose``, before this returns.
    /// - Parameter reset: `true` sends a TCP reset (`SO_LINGER` 0: the peer's next read fails with
    ///   `ECONNRESET`, unsent bytes are dropped); `false` ends the stream with a FIN (the peer reads its end).
    public func abort(reset: Bool = false) {
        loop.preconditionInLoop("WebSocketChannel.abort")
        guard phase != .closed else { return }
        if reset, fd >= 0 { Syscall.resetOnClose(fd) }
        finish(.failed(NetError(.abruptClose, reset ? "reset by us" : "closed abruptly by us")))
    }

    // MARK: Opening

    /// Keeps the upgrade request the codec wrote until the transport is up (inside TLS, until its handshake).
    func queueRequest() {
        emitOutput()
    }

    /// Reports a failure found while making the channel, from the loop.
    func failLater(_ error: NetError) {
        reportLater(error)
    }

    /// The TCP connection is up: start TLS (if any) and send what waits (the upgrade request).
    func transportConnected() {
        phase = .handshaking
        if !outbound.isEmpty { loop.unsent.change(from: 0, to: outbound.count) }
        do {
            try loop.setInterest(fd, .read)
            if let tls {
                try tls.startHandshake()
                emitTLSOutput()
            } else if try !withOutbound({ buffer throws(SystemCallError) in try buffer.flush(to: fd) }) {
                try wantWrite(true)
            }
        } catch let error as TLSError {
            finish(.failed(NetError(.tlsFailure, "TLS with \(peerName) failed: \(error)")))
        } catch {
            finish(.failed(NetError(.abruptClose, "the connection to \(peerName) broke: \(error)")))
        }
    }

    /// Starts (or retries with the next address) the client's TCP connect.
    func startConnect() {
        guard let client else { return }
        let address = client.addresses[Int(addressIndex)]
        do {
            let fd = try TCP.makeClientSocket(for: address, source: sourceAddress)
            self.fd = fd
            switch try TCP.connect(fd, to: address) {
            case .processed:
                try loop.register(fd, interest: .read, handler: self)
                transportConnected()
            case .wouldBlock:
                if tls == nil, try sendRequestEarly(to: address) { return }
                try loop.register(fd, interest: .write, handler: self)
                wantsWrite = true
            }
        } catch let error as NetError {
            connectFailed(error)
        } catch {
            connectFailed(NetError(.system, "cannot connect to \(address): \(error)"))
        }
    }

    /// Sends the upgrade request while the connect is in progress, without waiting for the socket to turn
    /// writable: on loopback the TCP handshake is over by the time `connect` returns, so the request goes
    /// at once and the connect's writable event, its `SO_ERROR` check and the switch of the socket's epoll
    /// interest from write to read are spared. A send that fails with would-block means the handshake is
    /// still under way: the caller waits for it as before. A failed connect shows as the send's error.
    /// - Returns: whether the connection is up (the channel is then registered and handshaking).
    private func sendRequestEarly(to address: SocketAddress) throws(SystemCallError) -> Bool {
        let waiting = outbound.count
        let stillWaiting: Int
        do {
            _ = try outbound.flush(to: fd)
            stillWaiting = outbound.count
        } catch {
            connectFailed(NetError.connect(error, to: address))
            return true
        }
        if stillWaiting == waiting { return false }
        phase = .handshaking
        if stillWaiting > 0 { loop.unsent.change(from: 0, to: stillWaiting) }
        try loop.register(fd, interest: stillWaiting > 0 ? [.read, .write] : .read, handler: self)
        wantsWrite = stillWaiting > 0
        return true
    }

    private func connectFailed(_ error: NetError) {
        closeDescriptor()
        if let client, Int(addressIndex) + 1 < client.addresses.count,
            error.code == .connectionRefused || error.code == .system
        {
            addressIndex += 1
            startConnect()
            return
        }
        reportLater(error)
    }

    private func finishConnect() {
        guard let client else { return }
        let address = client.addresses[Int(addressIndex)]
        do {
            let code = try Syscall.pendingError(fd)
            if code != 0 {
                connectFailed(NetError.connect(SystemCallError(call: "connect", code: code), to: address))
                return
            }
            wantsWrite = false
            transportConnected()
        } catch {
            connectFailed(NetError.connect(error, to: address))
        }
    }

    private var peerName: String {
        guard let client else { return "the client" }
        return client.url.description
    }

    // MARK: Events from the loop

    func readable() {
        switch phase {
        case .connecting, .closed: return
        case .handshaking, .open, .closing: break
        }
        let buffer = loop.readBuffer
        let count: Int
        do {
            switch try Syscall.read(fd, buffer) {
            case .wouldBlock: return
            case .processed(let read): count = read
            }
        } catch {
            if delayInput(nil, end: error) { return }
            endOfInput(error: error)
            return
        }
        if count == 0 {
            if delayInput(nil, end: nil) { return }
            endOfInput(error: nil)
            return
        }
        let received = UnsafeMutableRawBufferPointer(rebasing: buffer[..<count])
        if delayInput(UnsafeRawBufferPointer(received), end: nil) { return }
        receive(received)
    }

    /// Hands bytes read from the socket to TLS (if any) and to the codec.
    private func receive(_ received: UnsafeMutableRawBufferPointer) {
        guard let tls else {
            process(received)
            return
        }
        do {
            loop.plaintext.removeAll(keepingCapacity: true)
            let outcome = try tls.receive(UnsafeRawBufferPointer(received), into: &loop.plaintext)
            emitTLSOutput()
            if !loop.plaintext.isEmpty {
                var plaintext = loop.plaintext
                loop.plaintext = []
                plaintext.withUnsafeMutableBytes { process($0) }
                plaintext.removeAll(keepingCapacity: true)
                loop.plaintext = plaintext
            }
            if outcome.closeNotifyReceived, phase != .closed {
                endOfInput(error: nil)
            }
        } catch {
            emitTLSOutput()
            finish(.failed(NetError(.tlsFailure, "TLS with \(peerName) failed: \(error)")))
        }
    }

    func writable() {
        switch phase {
        case .connecting:
            finishConnect()
        case .handshaking, .open, .closing:
            do {
                if try withOutbound({ buffer throws(SystemCallError) in try buffer.flush(to: fd) }) {
                    try wantWrite(false)
                    if reportedUnwritable {
                        reportedUnwritable = false
                        handler.webSocketWritable(self)
                    }
                }
            } catch {
                finish(.failed(NetError(.abruptClose, "the connection to \(peerName) broke: \(error)")))
            }
        case .closed:
            break
        }
    }

    func loopClosing() {
        finish(.failed(NetError(.abruptClose, "the event loop shut down")))
    }

    // MARK: Reading

    /// Feeds plaintext to the codec and acts on each event it finds.
    private func process(_ bytes: UnsafeMutableRawBufferPointer) {
        var unread = bytes
        while phase != .closed, let event = codec.receive(&unread, into: &loop.output) {
            emitOutput()
            handle(event)
        }
        emitOutput()
    }

    private func handle(_ event: WebSocketEvent) {
        switch event {
        case .upgradeRequested(let request):
            station = request.stationIdentity
            if let refusal = handler.webSocketUpgradeRequested(self, request: request) {
                codec.refuseUpgrade(refusal, into: &loop.output)
                emitOutput()
                closeSocket()
            } else {
                codec.acceptUpgrade(into: &loop.output)
                emitOutput()
                opened()
            }
        case .opened:
            opened()
        case .text(let payload):
            guard phase == .open || phase == .closing else { return }
            payload.withUnsafeBytes { handler.webSocket(self, received: $0) }
        case .pong:
            awaitingPong = false
        case .binary:
            // Only when the codec's limits accept binary messages: the handler takes text alone.
            break
        case .closed(let code, let reason):
            finish(.closed(code: code?.rawValue, reason: reason))
        case .failed(let error):
            finish(.failed(NetError(webSocket: error, peer: peerName)))
        }
    }

    private func opened() {
        guard phase == .handshaking else { return }
        phase = .open
        hasOpened = true
        cancelTimer()
        if pingMilliseconds > 0 {
            armTimer(after: .milliseconds(pingMilliseconds), tag: TimerTag.ping)
        }
        handler.webSocketOpened(self)
    }

    private func endOfInput(error: SystemCallError?) {
        if let tls, !tls.isHandshakeComplete, phase == .handshaking {
            let why = error.map { ": \($0)" } ?? ""
            finish(.failed(NetError(.tlsFailure, "\(peerName) closed the connection during the TLS handshake\(why)")))
            return
        }
        if let event = codec.inputEnded() {
            if case .failed(let failure) = event, error != nil || failure.code == .abruptClose {
                let why = error.map { ": \($0)" } ?? ""
                let ended = phase == .handshaking ? "during the handshake" : "without a close handshake"
                finish(.failed(NetError(.abruptClose, "\(peerName) closed the connection \(ended)\(why)")))
                return
            }
            handle(event)
        }
        if phase != .closed {
            finish(.failed(NetError(.abruptClose, "\(peerName) closed the connection")))
        }
    }

    // MARK: Writing

    /// Sends what the codec appended to the loop's output buffer (through TLS if any), and empties it:
    /// the buffer is shared by the loop's channels and must be empty whenever a handler runs.
    private func emitOutput() {
        guard !loop.output.isEmpty else { return }
        if let tls {
            do {
                try tls.send(loop.output)
            } catch {
                loop.output.removeAll(keepingCapacity: true)
                reportLater(NetError(.tlsFailure, "TLS with \(peerName) failed: \(error)"))
                return
            }
            loop.output.removeAll(keepingCapacity: true)
            emitTLSOutput()
            return
        }
        loop.output.withUnsafeBytes { write($0) }
        loop.output.removeAll(keepingCapacity: true)
    }

    private func emitTLSOutput() {
        guard let tls, tls.hasOutput else { return }
        let ciphertext = tls.takeOutput()
        ciphertext.withUnsafeBytes { write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        guard phase != .closed else { return }
        if phase == .connecting {
            withOutbound { $0.append(bytes) }
            return
        }
        if let shaper, shaper.conditions.delays || !shaper.outbound.isEmpty {
            shaper.queueOutbound(bytes, now: EventLoop.now())
            pumpShaper()
            return
        }
        writeNow(bytes)
    }

    private func writeNow(_ bytes: UnsafeRawBufferPointer) {
        guard phase != .closed else { return }
        do {
            if try !withOutbound({ buffer throws(SystemCallError) in try buffer.write(bytes, to: fd) }) {
                try wantWrite(true)
                if unsentBytes >= Self.highWaterMark { reportedUnwritable = true }
            }
        } catch {
            reportLater(NetError(.abruptClose, "the connection to \(peerName) broke: \(error)"))
        }
    }

    /// Changes the send buffer, keeping the loop's total (``EventLoop/sendQueue``) in step. What waits for
    /// the TCP connect is an attempt's, not a send queue: it counts once the connection is up.
    private func withOutbound<Result, Failure: Error>(
        _ change: (inout OutboundBuffer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let before = outbound.count
        defer {
            if phase != .connecting, outbound.count != before { loop.unsent.change(from: before, to: outbound.count) }
        }
        return try change(&outbound)
    }

    private func wantWrite(_ wanted: Bool) throws(SystemCallError) {
        guard wanted != wantsWrite else { return }
        try loop.setInterest(fd, wanted ? [.read, .write] : .read)
        wantsWrite = wanted
    }

    // MARK: Link conditions

    /// Starts the TCP connect, or under a partition leaves it to the heal (the open timeout runs meanwhile,
    /// as a SYN that goes unanswered).
    func beginConnect(under conditions: LinkConditions?) {
        if let conditions { apply(conditions) }
        if let shaper, shaper.conditions.isPartitioned {
            shaper.connectDeferred = true
        } else {
            startConnect()
        }
    }

    private func apply(_ conditions: LinkConditions) {
        guard phase != .closed else { return }
        guard let shaper else {
            guard conditions.delays else { return }
            let shaper = LinkShaper(conditions)
            self.shaper = shaper
            if conditions.isPartitioned { updateRegistration() }
            return
        }
        let wasPartitioned = shaper.conditions.isPartitioned
        shaper.conditions = conditions
        if !wasPartitioned, conditions.isPartitioned {
            // Bytes on their way are lost with the network: TCP sends them again once it heals.
            shaper.outbound.hold()
            shaper.inbound.hold()
            updateRegistration()
        } else if wasPartitioned, !conditions.isPartitioned {
            let now = EventLoop.now()
            shaper.outbound.release(at: now)
            shaper.inbound.release(at: now)
            updateRegistration()
            if shaper.connectDeferred {
                shaper.connectDeferred = false
                startConnect()
            }
        }
        pumpShaper()
    }

    /// Queues what was read, or the input's end (`bytes` nil), while the link's conditions delay it.
    /// - Returns: whether it was queued (and is not to be handled now).
    private func delayInput(_ bytes: UnsafeRawBufferPointer?, end error: SystemCallError?) -> Bool {
        guard let shaper, shaper.conditions.delays || !shaper.inbound.isEmpty else { return false }
        let now = EventLoop.now()
        if let bytes {
            shaper.queueInbound(bytes, now: now)
        } else {
            shaper.queueEnd(error, now: now)
            updateRegistration()
        }
        pumpShaper()
        return true
    }

    /// Passes on what is due in both directions, then waits for the next release, or lets the link go
    /// back to the plain path once nothing is held.
    private func pumpShaper() {
        // A handler that sends while a released chunk is being read would otherwise read the next chunk
        // inside the first: what it queues waits for the timer armed below.
        guard let shaper, phase != .closed, !shaper.isPumping else { return }
        shaper.isPumping = true
        defer { shaper.isPumping = false }
        let now = EventLoop.now()
        while let chunk = shaper.outbound.popDue(now: now) {
            chunk.bytes.withUnsafeBytes { writeNow($0) }
            if phase == .closed || self.shaper !== shaper { return }
        }
        while let chunk = shaper.inbound.popDue(now: now) {
            if chunk.isEnd {
                endOfInput(error: chunk.error)
            } else {
                var bytes = chunk.bytes
                bytes.withUnsafeMutableBytes { receive($0) }
            }
            if phase == .closed || self.shaper !== shaper { return }
        }
        if let timer = shaper.timer {
            loop.cancelTimer(timer)
            shaper.timer = nil
        }
        if shaper.isIdle, !shaper.isDetached {
            self.shaper = nil
        } else if let next = shaper.nextRelease {
            shaper.timer = loop.scheduleTimer(at: next, owner: self, tag: TimerTag.shaper)
        }
    }

    /// Keeps the socket in the loop's epoll set only while its events can be served: out of it during a
    /// partition (an error the peer causes must not wake the loop over and over) and once its input's end
    /// is queued; back in when the partition heals.
    private func updateRegistration() {
        guard let shaper, fd >= 0 else { return }
        let detach = shaper.conditions.isPartitioned || shaper.inputEnded
        if detach, !shaper.isDetached {
            loop.deregister(fd)
            shaper.isDetached = true
        } else if !detach, shaper.isDetached {
            let interest: Interest = phase == .connecting ? .write : wantsWrite ? [.read, .write] : .read
            do {
                try loop.register(fd, interest: interest, handler: self)
                shaper.isDetached = false
            } catch {
                reportLater(NetError(.system, "cannot watch the connection to \(peerName) again: \(error)"))
            }
        }
    }

    // MARK: Ending

    /// Reports a failure from the loop rather than from inside the caller's own call.
    private func reportLater(_ error: NetError) {
        guard phase != .closed, pendingFailure == nil else { return }
        pendingFailure = error
        closeSocket()
        phase = .closing
        cancelTimer()
        timer = loop.scheduleTimer(at: 0, owner: self, tag: TimerTag.reportFailure)
    }

    private func finish(_ reason: WebSocketCloseReason) {
        guard phase != .closed else { return }
        cancelTimer()
        if case .closed = reason { sendCloseNotify() }
        closeSocket()
        if let timer = shaper?.timer { loop.cancelTimer(timer) }
        shaper = nil
        phase = .closed
        pendingFailure = nil
        tls = nil
        if client != nil || hasOpened {
            handler.webSocketClosed(self, reason: reason)
        }
    }

    /// Ends TLS politely after a clean WebSocket close: close_notify goes out, best effort, since the
    /// socket closes right after. Only then, so that the peer's close frame is never cut off by it.
    private func sendCloseNotify() {
        guard let tls, fd >= 0, tls.isHandshakeComplete else { return }
        tls.close()
        guard tls.hasOutput else { return }
        let alert = tls.takeOutput()
        _ = alert.withUnsafeBytes { bytes in
            withOutbound { buffer in try? buffer.write(bytes, to: fd) }
        }
    }

    private func closeSocket() {
        // A partition hides the end from the peer until it heals: the socket waits, unread, then resets.
        if fd >= 0, let until = shaper?.conditions.partitionedUntil {
            loop.deregister(fd)
            loop.holdUntilReset(fd, until: until)
            fd = -1
            wantsWrite = false
        }
        closeDescriptor()
        withOutbound { $0.release() }
    }

    /// Closes the descriptor but keeps what waits to be sent, for a connect retried on the next address.
    private func closeDescriptor() {
        guard fd >= 0 else { return }
        loop.closeRegistered(fd)
        fd = -1
        wantsWrite = false
    }

    func armTimer(after delay: Duration, tag: UInt32) {
        cancelTimer()
        timer = loop.scheduleTimer(after: delay, owner: self, tag: tag)
    }

    private func cancelTimer() {
        if let timer {
            loop.cancelTimer(timer)
            self.timer = nil
        }
    }
}

extension WebSocketChannel: Selectable {}

extension WebSocketChannel: TimerOwner {
    /// Called by the channel's loop for the channel's own timeouts.
    public func timerFired(_ tag: UInt32) {
        loop.preconditionInLoop("WebSocketChannel.timerFired")
        if tag == TimerTag.shaper {
            shaper?.timer = nil
            pumpShaper()
            return
        }
        timer = nil
        switch tag {
        case TimerTag.openTimeout:
            let what = phase == .connecting ? "connect to" : "opening handshake with"
            finish(.failed(NetError(.connectTimeout, "\(what) \(peerName) timed out")))
        case TimerTag.closeTimeout:
            finish(.failed(NetError(.abruptClose, "\(peerName) did not answer our close frame in time")))
        case TimerTag.reportFailure:
            if let pendingFailure { finish(.failed(pendingFailure)) }
        case TimerTag.ping:
            guard phase == .open, pingMilliseconds > 0 else { return }
            if awaitingPong {
                finish(.failed(NetError(
                    .pingTimeout, "\(peerName) did not answer a ping within \(pingMilliseconds) ms")))
                return
            }
            awaitingPong = ping()
            if phase == .open { armTimer(after: .milliseconds(pingMilliseconds), tag: TimerTag.ping) }
        default:
            break
        }
    }
}
