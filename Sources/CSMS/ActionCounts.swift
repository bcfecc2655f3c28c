import OCPP

/// A count per OCPP action, kept by the action's ordinal: a dictionary hashed the action twice for every
/// CALL a core answers, which in the simulator (a core per station) was 2 % of the run.
struct ActionCounts: Sendable, Equatable, Sequence {
    /// By ``OCPP/Action/ordinal``; empty until the first count.
    private var counts: [UInt64] = []

    /// The count of `action`; `defaultValue` (0) mirrors a dictionary's look-up, as every count starts at 0.
    subscript(action: Action, default defaultValue: UInt64) -> UInt64 {
        get { counts.isEmpty ? defaultValue : counts[Int(action.ordinal)] }
        set {
            if counts.isEmpty { counts = [UInt64](repeating: 0, count: Action.allCases.count) }
            counts[Int(action.ordinal)] = newValue
        }
    }

    /// Adds `other`'s counts to these.
    mutating func add(_ other: ActionCounts) {
        guard !other.counts.isEmpty else { return }
        guard !counts.isEmpty else {
            counts = other.counts
            return
        }
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    /// The actions counted at least once, with their counts, in the actions' order.
    func makeIterator() -> some IteratorProtocol<(Action, UInt64)> {
        zip(Action.allCases, counts).lazy.filter { $0.1 > 0 }.makeIterator()
    }

    static func == (lhs: ActionCounts, rhs: ActionCounts) -> Bool {
        lhs.counts.isEmpty || rhs.counts.isEmpty
            ? lhs.counts.allSatisfy { $0 == 0 } && rhs.counts.allSatisfy { $0 == 0 } : lhs.counts == rhs.counts
    }
}
