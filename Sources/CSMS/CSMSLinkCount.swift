import Synchronization

/// The stations connected to the whole server (every loop), for `stations.connected` and its maximum.
final class CSMSLinkCount: Sendable {
    private let state = Mutex<(now: UInt64, max: UInt64)>((0, 0))

    func opened() {
        state.withLock { state in
            state.now += 1
            state.max = Swift.max(state.max, state.now)
        }
    }

    func closed() {
        state.withLock { $0.now -= 1 }
    }

    var figures: (now: UInt64, max: UInt64) { state.withLock { $0 } }
}
