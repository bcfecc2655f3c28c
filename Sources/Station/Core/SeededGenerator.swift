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
    ///   same two numbers (``StationOptions/compactMessageIds``).
    public mutating func messageID(compact: Bool = false) -> MessageID {
        let lead = UInt8(next() % 9) + UInt8(ascii: "1")
        let rest = next() % 10_000_000_000_000_000_000
        return compact
            ? MessageID(lead: lead, count: 15, rest: rest % 100_000_000_000_000)
            : MessageID(lead: lead, count: 20, rest: rest)
    }
}
