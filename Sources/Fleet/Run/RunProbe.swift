import Synchronization

/// What the run's coordinator watches while the loops work: how many links opened and how many attempts
/// failed, and the first failure. Touched once per connection attempt, never per message.
final class RunProbe: Sendable {
    private let established = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    private let firstFailure = Mutex<ConnectFailure?>(nil)

    func linkEstablished() {
        established.add(1, ordering: .relaxed)
    }

    func attemptFailed(_ failure: ConnectFailure) {
        failed.add(1, ordering: .relaxed)
        firstFailure.withLock { if $0 == nil { $0 = failure } }
    }

    /// Links opened so far.
    var establishedCount: Int { established.load(ordering: .relaxed) }
    /// Attempts failed so far.
    var failedCount: Int { failed.load(ordering: .relaxed) }
    /// The first attempt that failed, if one did.
    var failure: ConnectFailure? { firstFailure.withLock { $0 } }
}
