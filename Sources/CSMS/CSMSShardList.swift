import Synchronization

/// The shards of one ``CSMSServer``, for a shard to reach the core that handed out a transaction: core
/// `i` of `n` hands out the ids `first + i`, `first + i + n`, … of the process's range (see
/// `TransactionLedger`).
final class CSMSShardList: Sendable {
    private let shards = Mutex<[CSMSShard]>([])
    private let transactionIDs: ClosedRange<Int>

    /// - Parameter transactionIDs: the ids the server's cores share.
    init(transactionIDs: ClosedRange<Int>) {
        self.transactionIDs = transactionIDs
    }

    /// Fills the list once the shards exist (they need the list to be made).
    func set(_ shards: [CSMSShard]) {
        self.shards.withLock { $0 = shards }
    }

    /// Empties the list, breaking the cycle between it and the shards once the server stopped.
    func clear() {
        shards.withLock { $0 = [] }
    }

    /// The shard whose core handed out transaction `id`, or nil for an id no core of this process hands out.
    func owner(ofTransaction id: Int) -> CSMSShard? {
        shards.withLock { shards in
            guard transactionIDs.contains(id), !shards.isEmpty else { return nil }
            return shards[(id - transactionIDs.lowerBound) % shards.count]
        }
    }
}
