/// A report's `run.shard`, `I/N` with 1 ≤ I ≤ N: which part of a fleet the run was.
struct ShardName: Equatable {
    /// From 1.
    let position: Int
    let count: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(position)
        else { return nil }
        self.position = position
        self.count = count
    }

    /// How many of a fleet's `total` stations this part runs: the fleet is cut in contiguous, nearly equal
    /// parts, station `k` going to part `k * count / total`, as `--shard` cuts it.
    func stations(ofFleetOf total: Int) -> Int {
        total * position / count - total * (position - 1) / count
    }
}
