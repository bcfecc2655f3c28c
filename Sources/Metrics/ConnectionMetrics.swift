/// What was recorded about the stations' links to the CSMS.
public struct ConnectionMetrics: Sendable, Equatable {
    /// Connection attempts, first ones and reconnections.
    public var attempted: UInt64 = 0
    /// Attempts that completed the WebSocket handshake.
    public var established: UInt64 = 0
    /// Attempts that failed, by reason (`refused`, `timeout`, `handshake`, `tls`…).
    public var failed = BoundedCounts()
    /// Attempts made by a station that had been connected before.
    public var reconnects: UInt64 = 0
    /// Links up now.
    public var current: UInt64 = 0
    /// The most links up at one instant that was observed (never more than there were).
    public var maxConcurrent: UInt64 = 0

    /// Makes an empty record.
    public init() {}

    /// Adds the counts of another loop's links: links up on both loops at once add up.
    public mutating func merge(_ other: ConnectionMetrics) {
        attempted &+= other.attempted
        established &+= other.established
        failed.merge(other.failed)
        reconnects &+= other.reconnects
        current &+= other.current
        maxConcurrent = Swift.max(maxConcurrent, other.maxConcurrent)
    }
}
