extension Duration {
    /// The duration in whole nanoseconds, 0 when negative: a delay or a deadline on a monotonic clock.
    @inlinable
    public var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }

    /// The duration in whole microseconds, 0 when negative.
    @inlinable
    public var microseconds: UInt64 { nanoseconds / 1_000 }

    /// The duration in whole milliseconds, rounded toward zero (negative for a negative duration).
    @inlinable
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
