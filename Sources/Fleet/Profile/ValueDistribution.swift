/// A distribution of a positive quantity (a dwell time, an energy demand), optionally clamped.
public struct ValueDistribution: Sendable, Equatable {
    /// The shape of a distribution.
    public enum Shape: Sendable, Equatable {
        /// Always the same value.
        case fixed(Double)
        /// Uniform between two bounds.
        case uniform(min: Double, max: Double)
        /// Exponential with the given mean.
        case exponential(mean: Double)
        /// Lognormal with the given median and shape (the standard deviation of its logarithm).
        case lognormal(median: Double, sigma: Double)
    }

    /// The shape.
    public var shape: Shape
    /// Draws below this are raised to it.
    public var minimum: Double?
    /// Draws above this are lowered to it.
    public var maximum: Double?

    /// A distribution of `shape`, clamped to [`minimum`, `maximum`] where given.
    public init(_ shape: Shape, minimum: Double? = nil, maximum: Double? = nil) {
        self.shape = shape
        self.minimum = minimum
        self.maximum = maximum
    }

    /// One draw from `stream`.
    public func draw(from stream: inout RandomStream) -> Double {
        var value: Double
        switch shape {
        case .fixed(let fixed): value = fixed
        case .uniform(let low, let high): value = low + (high - low) * stream.unit()
        case .exponential(let mean): value = stream.exponential(rate: 1 / mean)
        case .lognormal(let median, let sigma): value = stream.lognormal(median: median, sigma: sigma)
        }
        if let minimum { value = max(value, minimum) }
        if let maximum { value = min(value, maximum) }
        return value
    }
}
