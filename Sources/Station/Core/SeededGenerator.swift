import Basics

/// The station's only source of randomness: the package's `SplitMix64`, seeded from outside so that a
/// station's behaviour is a function of its seed. Eight bytes of state, no allocation.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64

    /// - Parameter seed: any value; two generators with the same seed draw the same numbers.
    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    public mutating func next() -> UInt64 {
        generator.next()
    }

    /// A message id as the Green'Up makes them: 20 decimal digits, the first one not zero
    /// (e.g. `46740660243372615052`). Never a UUID: those cost microseconds each.
    /// - Parameter compact: 15 digits instead (the lead digit and the last 14 of the 20), drawn from the
    ///   same two numbers: a string of up to 15 bytes is kept inline, so such an id costs no allocation
    ///   (``StationOptions/compactMessageIds``).
    public mutating func messageID(compact: Bool = false) -> String {
        let lead = UInt8(next() % 9) + UInt8(ascii: "1")
        var rest = next() % 10_000_000_000_000_000_000
        let count = compact ? 15 : 20
        if compact { rest %= 100_000_000_000_000 }
        return String(unsafeUninitializedCapacity: count) { buffer in
            buffer[0] = lead
            // Two digits a division: half the 64-bit divisions of one digit at a time.
            var index = count - 1
            while index > 1 {
                let pair = UInt32(truncatingIfNeeded: rest % 100)
                rest /= 100
                buffer[index] = UInt8(truncatingIfNeeded: pair % 10) + UInt8(ascii: "0")
                buffer[index - 1] = UInt8(truncatingIfNeeded: pair / 10) + UInt8(ascii: "0")
                index -= 2
            }
            if index == 1 { buffer[1] = UInt8(truncatingIfNeeded: rest) + UInt8(ascii: "0") }
            return count
        }
    }
}
