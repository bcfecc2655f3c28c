/// One of several equal parts of a fleet, run by separate processes (`--shard I/N`), and written `I/N`
/// with 1 ≤ I ≤ N wherever people read it: the command line, a report's `run.shard`.
///
/// Shards are contiguous ranges of station indices. Because every station draws from its own streams, a
/// station behaves the same in whichever shard runs it: the shards' traces together are the whole's.
public struct FleetShard: Sendable, Equatable, CustomStringConvertible {
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

    /// The shard written `I/N` with 1 ≤ I ≤ N (`2/4` is the second of four), or `nil` for other text.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(position)
        else { return nil }
        self.init(index: position - 1, count: count)
    }

    /// `I/N`, counting from 1: `2/4` for index 1 of 4.
    public var description: String { "\(index + 1)/\(count)" }

    /// The station indices of this part of a fleet of `fleetSize` stations; the parts' sizes differ by at
    /// most one.
    public func stations(ofFleetOf fleetSize: Int) -> Range<Int> {
        (fleetSize * index / count)..<(fleetSize * (index + 1) / count)
    }
}
