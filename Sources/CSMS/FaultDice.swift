import Basics

/// One station's random stream for fault decisions: SplitMix64 keyed by (seed, station id).
///
/// The key is an FNV-1a hash of the id's bytes, not Swift's `Hasher`, which is seeded anew in every
/// process and would make runs irreproducible.
struct FaultDice {
    private var generator: SplitMix64

    init(seed: UInt64, stationID: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stationID.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        generator = SplitMix64(seed: seed ^ hash)
    }

    /// The next draw, uniform in [0, 1).
    mutating func next() -> Double {
        generator.nextUnitInterval()
    }
}
