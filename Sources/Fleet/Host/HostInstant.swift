/// One instant as a station host reads it on its two clocks: the host's monotonic nanoseconds, which
/// time the metrics (the loops' clock over sockets, virtual time since the plan's start in a simulation),
/// and the stations' own time, in milliseconds since the Unix epoch, which a ``Station`` is handled at.
struct HostInstant {
    /// The host's monotonic clock, in nanoseconds.
    let nanos: UInt64
    /// The stations' clock, in milliseconds since the Unix epoch.
    let stationTime: Int64
}
