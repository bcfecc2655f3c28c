import Synchronization

/// The shards of one ``CSMSServer``, for a shard to reach the core that handed out a transaction: core
/// `i` of `n` hands out the ids `i + 1`, `i + 1 + n`, … (see `TransactionLedger`).
final class CSMSShardList: Sendable {
    private let shards = Mutex<[CSMSShard]>([])

    /// Fills the list once the shards exist (they need the list to be made).
    func set(_ shards: [CSMSShard]) {
        self.shards.withLock { $0 = shards }
    }

    /// Empties the list, breaking the cycle between it and the shards once the server stopped.
    func clear() {
        shards.withLock { $0 = [] }
    }

    /// The shard whose core handed out transaction `id`, or nil for an id no core hands out.
    func owner(ofTransaction id: Int) -> CSMSShard? {
        shards.withLock { shards in
            guard id >= 1, !shards.isEmpty else { return nil }
            return shards[(id - 1) % shards.count]
        }
    }
}
