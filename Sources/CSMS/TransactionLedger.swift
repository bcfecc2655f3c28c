/// The transactions the CSMS has handed out ids for and not yet seen stopped.
///
/// Ids are `first`, `first + stride`, `first + 2 × stride`…: cores that run side by side (one per event
/// loop) take the same stride and different firsts, so their ids never collide without any lock.
struct TransactionLedger {
    private let first: Int
    private let stride: Int
    private var nextID: Int
    private(set) var open: Set<Int> = []

    init(first: Int, stride: Int) {
        precondition(first >= 1 && stride >= 1, "transaction ids are positive")
        self.first = first
        self.stride = stride
        nextID = first
    }

    mutating func start() -> Int {
        let id = nextID
        nextID += stride
        // OCPP's transactionId is a 32-bit integer on most stations.
        if nextID > Int(Int32.max) { nextID = first }
        open.insert(id)
        return id
    }

    /// Whether `id` is one this ledger hands out (open or not), rather than one of a ledger beside it.
    func owns(_ id: Int) -> Bool {
        id >= first && (id - first) % stride == 0
    }

    /// Closes the transaction; returns whether it was open. A stop for an id this CSMS never handed out
    /// (or saw stopped) is still answered, as OCPP 1.6 wants the central system to accept a stop it
    /// cannot match.
    mutating func stop(id: Int) -> Bool {
        open.remove(id) != nil
    }
}
