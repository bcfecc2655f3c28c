/// One of several equal parts of a fleet, run by separate processes (`--shard I/N`).
///
/// Shards are contiguous ranges of station indices. Because every station draws from its own streams, a
/// station behaves the same in whichever shard runs it: the shards' traces together are the whole's.
public struct FleetShard: Sendable, Equatable {
    /// Which part, from 0.
    public let index: Int
    /// How many parts.
    public let count: Int

    /// The whole fleet in one part.
    public static let whole = FleetShard(index: 0, count: 1)

    /// Part `index` (from 0) of `count`.
    ///
    /// - Precondition: `0 <= index < count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard \(index) of \(count)")
        self.index = index
        self.count = count
    }

    /// The station indices of this part of a fleet of `fleetSize` stations.
    public func stations(ofFleetOf fleetSize: Int) -> Range<Int> {
        (fleetSize * index / count)..<(fleetSize * (index + 1) / count)
    }
}
