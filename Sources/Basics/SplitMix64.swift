/// SplitMix64 (Steele, Lea and Flood, 2014): the package's one seeded generator. Eight bytes of state, no
/// allocation, outputs well spread even from neighbouring seeds.
///
/// A station draws its message ids from it, the CSMS its fault dice, the WebSocket client its keys and
/// masks, and the fleet seeds its xoshiro256** streams with it. Seeded traces are compared byte for byte,
/// so its outputs must never change: the tests pin the first outputs of known seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline
    var state: UInt64

    /// A generator starting from `seed`: two generators with the same seed draw the same numbers.
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded once from the system's generator, for values that need to be unpredictable
    /// to intermediaries but not secret (WebSocket keys and masks), where a system call per draw
    /// (`getrandom`) would cost more than the rest.
    @inlinable
    public init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The next draw, uniform in [0, 1): the top 53 bits of ``next()``, as many as a `Double` holds.
    @inlinable
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// The SplitMix64 finaliser: a bijection of 64 bits whose every output bit depends on every input bit.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
