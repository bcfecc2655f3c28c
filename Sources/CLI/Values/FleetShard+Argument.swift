import Basics

extension FleetShard {
    /// `--shard I/N`: one of several processes that run parts of one fleet, with 1 ≤ I ≤ N.
    static func argument(_ text: String) throws(ValueError) -> FleetShard {
        guard let shard = FleetShard(text) else { throw ValueError(expected: "I/N with 1 ≤ I ≤ N, such as 2/4") }
        return shard
    }
}
