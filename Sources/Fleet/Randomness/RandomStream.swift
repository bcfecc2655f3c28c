import Basics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One independent random stream of a run, named by (seed, station index, purpose).
///
/// A station's streams depend on nothing else: not on the number of stations, not on the shard that
/// runs it. Each purpose has its own stream, so that changing, say, the reconnection policy leaves the
/// EV arrivals of every station unchanged.
public struct RandomStream: RandomNumberGenerator, Sendable {
    /// What a stream is used for; one stream per purpose and station.
    public enum Purpose: UInt64, Sendable {
        /// The EV sessions of one charging point: arrivals, dwell, energy, badges. One stream per charging
        /// point, so that a shorter run plans the same sessions as the start of a longer one.
        case plan = 1
        /// The station's own draws at run time: message ids, reconnection jitter.
        case station = 2
        /// Whether the station is among those a timed event picks (links dropped, firmware rollout...).
        case events = 3
        /// The station's fixed traits: model, firmware variant.
        case traits = 4
        /// The WebSocket handshake and masking keys of the station's links, one substream per connection
        /// attempt: a seeded run over sockets writes the same bytes each time.
        case wire = 5
    }

    private var generator: Xoshiro256StarStar

    /// The stream of `purpose` for the station at `station` (0-based) in a run seeded with `seed`.
    ///
    /// - Parameter substream: which of several streams of the same purpose (the charging point, for
    ///   ``Purpose/plan``).
    public init(seed: UInt64, station: Int, purpose: Purpose, substream: Int = 0) {
        // Mixing each part separately keeps (seed, station) pairs from colliding on a plain sum.
        let key = SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(station) &+ 0x632B_E59B_D9B4_E019))
        let use = SplitMix64.mix((purpose.rawValue << 32 | UInt64(substream)) &* 0xD1B5_4A32_D192_ED03)
        generator = Xoshiro256StarStar(seed: key ^ use)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        generator.next()
    }

    /// A uniform double in [0, 1), with 53 random bits.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Whether an event of probability `probability` happens.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An exponentially distributed value with the given rate (its mean is `1 / rate`).
    public mutating func exponential(rate: Double) -> Double {
        -log(1 - unit()) / rate
    }

    /// A standard normal value (Marsaglia's polar method; the second value of the pair is dropped so
    /// that a stream's state depends only on how many values were drawn, not on a cache).
    public mutating func standardNormal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * log(s) / s).squareRoot()
            }
        }
    }

    /// A lognormal value with the given median (`exp(mu)`) and shape `sigma`.
    public mutating func lognormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * standardNormal())
    }

    /// The index of one of `weights`, chosen with probability proportional to its weight.
    ///
    /// - Precondition: `weights` is not empty, has no negative weight and a positive sum.
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }
}
