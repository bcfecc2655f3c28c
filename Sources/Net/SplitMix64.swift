/// A small, fast generator (SplitMix64) for WebSocket keys and masks: these need to be unpredictable to
/// intermediaries, not secret, and a system call per connection (`getrandom`) costs more than the rest of it.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Seeded once from the system's generator.
    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// Seeded with `seed`: the same keys and masks from one run to the next (a station's wire stream).
    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
