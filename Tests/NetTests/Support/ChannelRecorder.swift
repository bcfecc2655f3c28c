import Foundation
import Net
import Synchronization
import WebSocket

/// A handler that records what its channels report, for tests to wait on; optionally echoes texts back.
final class ChannelRecorder: WebSocketHandler, @unchecked Sendable {
    // @unchecked Sendable: `channels` and `refusal` are touched only on the loop's thread (callbacks and
    // `submit` tasks); `log` is behind a Mutex.

    enum Event: Equatable {
        case opened(String)
        case text(String)
        case closed(String)
        case writable
    }

    private let log = Mutex<[Event]>([])
    private let reasons = Mutex<[WebSocketCloseReason]>([])
    var channels: [WebSocketChannel] = []
    let echoes: Bool
    var refusal: WebSocketRefusal?
    private let credentials = Mutex<[WebSocketCredentials?]>([])

    init(echoes: Bool = false) {
        self.echoes = echoes
    }

    var events: [Event] { log.withLock { $0 } }
    var closeReasons: [WebSocketCloseReason] { reasons.withLock { $0 } }
    var credentialsSeen: [WebSocketCredentials?] { credentials.withLock { $0 } }

    func webSocketOpened(_ channel: WebSocketChannel) {
        channels.append(channel)
        log.withLock { $0.append(.opened(channel.stationID)) }
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        log.withLock { $0.append(.text(String(decoding: text, as: UTF8.self))) }
        if echoes { channel.send(text: text) }
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
        channels.removeAll { $0 === channel }
        reasons.withLock { $0.append(reason) }
        log.withLock { $0.append(.closed(reason.description)) }
    }

    func webSocketWritable(_ channel: WebSocketChannel) {
        log.withLock { $0.append(.writable) }
    }

    func webSocketUpgradeRequested(_ channel: WebSocketChannel, request: WebSocketUpgradeRequest) -> WebSocketRefusal? {
        credentials.withLock { $0.append(request.credentials) }
        return refusal
    }

    /// Waits (polling, at most `seconds`) until `condition` holds on the events; returns whether it did.
    /// The default is generous: a Python peer on a loaded machine has been seen to take more than 15 s
    /// to answer a handshake.
    @discardableResult
    func wait(seconds: Double = 60, until condition: ([Event]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if condition(events) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(events)
    }

    /// The first close reason, waiting for it.
    func firstCloseReason() async -> WebSocketCloseReason? {
        await wait { $0.contains { if case .closed = $0 { true } else { false } } }
        return closeReasons.first
    }

    /// The error that closed the first channel, waiting for it; `nil` when it closed cleanly or not at all.
    func failure() async -> NetError? {
        guard case .failed(let error) = await firstCloseReason() else { return nil }
        return error
    }
}

extension [ChannelRecorder.Event] {
    var texts: [String] { compactMap { if case .text(let text) = $0 { text } else { nil } } }
    var openedCount: Int { filter { if case .opened = $0 { true } else { false } }.count }
}
