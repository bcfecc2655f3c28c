/// The transactions the CSMS has handed out ids for and not yet seen stopped.
///
/// Ids are `first`, `first + stride`, `first + 2 × stride`… up to the last of the process's ids
/// (``CSMSConfiguration/transactionIDs``), then `first` again: cores that run side by side (one per event
/// loop) take the same stride and different firsts, so their ids never collide without any lock, and
/// processes serving one port side by side take different ranges.
struct TransactionLedger {
    private let first: Int
    private let stride: Int
    private let last: Int
    private var nextID: Int
    private(set) var open: Set<Int> = []

    /// - Parameters:
    ///   - ids: the ids of the process, positive.
    ///   - shard: this core's index among the `shardCount` side by side, each with its share of `ids`.
    init(ids: ClosedRange<Int>, shard: Int, shardCount: Int) {
        precondition(ids.lowerBound >= 1 && shardCount >= 1, "transaction ids are positive")
        precondition(ids.count >= shardCount, "every core has ids of its own")
        first = ids.lowerBound + shard
        stride = shardCount
        last = ids.upperBound
        nextID = first
    }

    mutating func start() -> Int {
        let id = nextID
        nextID += stride
        if nextID > last { nextID = first }
        open.insert(id)
        return id
    }

    /// Whether `id` is one this ledger hands out (open or not), rather than one of a ledger beside it.
    func owns(_ id: Int) -> Bool {
        id >= first && id <= last && (id - first) % stride == 0
    }

    /// Closes the transaction; returns whether it was open. A stop for an id this CSMS never handed out
    /// (or saw stopped) is still answered, as OCPP 1.6 wants the central system to accept a stop it
    /// cannot match.
    mutating func stop(id: Int) -> Bool {
        open.remove(id) != nil
    }
}
