/// What was run: the inputs that, with the code, determine a run.
public struct RunDescription: Sendable, Equatable {
    /// The seed every station's random stream derives from.
    public var seed: UInt64
    /// How many stations the run simulated (this shard's share when sharded).
    public var stations: Int
    /// How long the run lasted, in wall-clock seconds.
    public var durationSeconds: Double
    /// How much faster than real time the profile's clock ran.
    public var speed: Double
    /// The CSMS's URL (never with a password), or `embedded`.
    public var csms: String
    /// The profile's file or name.
    public var profile: String
    /// This shard as `index/count`, `1/1` when not sharded.
    public var shard: String
    /// When the stations' clocks started (ISO 8601, the wall clock then) in a run against a CSMS; `nil`
    /// for a simulation, which keeps the profile's calendar.
    public var stationClockStart: String?
    /// How many seconds the stations' clocks had run ahead of the wall clock when the run ended (0 at
    /// speed 1); `nil` for a simulation.
    public var stationClockAheadSeconds: Double?

    /// Describes a run.
    public init(
        seed: UInt64, stations: Int, durationSeconds: Double, speed: Double, csms: String, profile: String,
        shard: String = "1/1", stationClockStart: String? = nil, stationClockAheadSeconds: Double? = nil
    ) {
        self.seed = seed
        self.stations = stations
        self.durationSeconds = durationSeconds
        self.speed = speed
        self.csms = csms
        self.profile = profile
        self.shard = shard
        self.stationClockStart = stationClockStart
        self.stationClockAheadSeconds = stationClockAheadSeconds
    }
}
