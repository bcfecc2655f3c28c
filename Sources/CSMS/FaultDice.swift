/// One station's random stream for fault decisions: SplitMix64 keyed by (seed, station id).
///
/// The key is an FNV-1a hash of the id's bytes, not Swift's `Hasher`, which is seeded anew in every
/// process and would make runs irreproducible.
struct FaultDice {
    private var state: UInt64

    init(seed: UInt64, stationID: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stationID.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = seed ^ hash
    }

    /// The next draw, uniform in [0, 1).
    mutating func next() -> Double {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }
}
