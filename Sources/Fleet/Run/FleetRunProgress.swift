import Metrics

/// What a run has done so far, handed to the progress callback of ``FleetRunner/run(progress:)`` about
/// once a second.
public struct FleetRunProgress: Sendable {
    /// The fleet's figures so far, merged over every loop.
    public let snapshot: MetricsSnapshot
    /// How many stations this process runs.
    public let stations: Int
    /// Whether the run is ending: open transactions are being stopped and links closed.
    public let isStopping: Bool

    /// The progress line a terminal shows (elapsed, connected, msgs/s, p99, errors).
    public var line: String {
        ProgressLine.render(snapshot, stations: stations)
    }
}
