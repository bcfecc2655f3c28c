/// What was recorded about the stations' links to the CSMS.
///
/// Every attempt ends as established or failed (`attempted == established + failed.total` once no
/// attempt is in flight), and every established link is up or closed
/// (`established == closed.total + current`).
public struct ConnectionMetrics: Sendable, Equatable {
    /// Connection attempts, first ones and reconnections.
    public var attempted: UInt64 = 0
    /// Attempts that completed the WebSocket handshake.
    public var established: UInt64 = 0
    /// Attempts that failed, by reason (`refused`, `timeout`, `handshake`, `tls`…).
    public var failed = BoundedCounts()
    /// Attempts made by a station that had been connected before.
    public var reconnectAttempts: UInt64 = 0
    /// Links established by a station that had been connected before: how many times stations came back.
    public var reconnects: UInt64 = 0
    /// Links that closed after they had opened, by cause: the CSMS's close code (`csms_close_1000`), a
    /// breach of RFC 6455 or OCPP-J by the CSMS with the code we closed with (`protocol_error_1002`,
    /// `binary_frame_1003`, `invalid_utf8_1007`, `message_too_big_1009`), a link that ended without a
    /// close frame (`no_close_frame`) or stopped answering pings (`ping_timeout`), or our own doing
    /// (`run_end`, `station_reboot`, `dropped_by_profile`).
    public var closed = BoundedCounts()
    /// Links up now.
    public var current: UInt64 = 0
    /// The most links up at one instant that was observed (never more than there were).
    public var maxConcurrent: UInt64 = 0
    /// Links up just before the run began to stop (at its end or when interrupted), before it closed
    /// them: whether the stations were connected when the run ended.
    public var connectedBeforeStop: UInt64 = 0
    /// Bytes the links held unsent at the loops' last collection because the CSMS's side did not take them
    /// (its socket's window full: it read more slowly than the stations wrote): the fleet's send queue.
    public var unsentBytes: UInt64 = 0
    /// The links holding unsent bytes then.
    public var backedUpLinks: UInt64 = 0

    /// Makes an empty record.
    public init() {}

    /// Adds the counts of another loop's links: links up on both loops at once add up.
    public mutating func merge(_ other: ConnectionMetrics) {
        attempted &+= other.attempted
        established &+= other.established
        failed.merge(other.failed)
        reconnectAttempts &+= other.reconnectAttempts
        reconnects &+= other.reconnects
        closed.merge(other.closed)
        current &+= other.current
        maxConcurrent = Swift.max(maxConcurrent, other.maxConcurrent)
        connectedBeforeStop &+= other.connectedBeforeStop
        unsentBytes &+= other.unsentBytes
        backedUpLinks &+= other.backedUpLinks
    }
}
