/// The station's only source of randomness: SplitMix64, seeded from outside so that a station's
/// behaviour is a function of its seed. Eight bytes of state, no allocation.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// - Parameter seed: any value; two generators with the same seed draw the same numbers.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A message id as the Green'Up makes them: 20 decimal digits, the first one not zero
    /// (e.g. `46740660243372615052`). Never a UUID: those cost microseconds each.
    public mutating func messageID() -> String {
        let lead = UInt8(next() % 9) + UInt8(ascii: "1")
        var rest = next() % 10_000_000_000_000_000_000
        return String(unsafeUninitializedCapacity: 20) { buffer in
            buffer[0] = lead
            var index = 19
            while index > 0 {
                buffer[index] = UInt8(rest % 10) + UInt8(ascii: "0")
                rest /= 10
                index -= 1
            }
            return 20
        }
    }
}
