import Basics
import Metrics

/// A fleet of virtual Green'Up stations driven by a profile: the entry point for people who script their
/// own scenarios in Swift.
///
/// ```swift
/// import Fleet
///
/// let profile = try Profile.load(file: "Profiles/default.json")
/// let fleet = try Fleet(profile: profile, stations: 1_000, seed: 42)
/// let report = try await fleet.simulate(duration: .seconds(24 * 3600), trace: "trace.jsonl")
/// print(report.transactions.started, report.allActions.latency.p99)
/// ```
///
/// A fleet is a function of (profile, station count, seed): simulating it twice gives the same trace, byte
/// for byte, and each station behaves the same whether it runs alone, in the whole fleet or in a shard.
public struct Fleet: Sendable {
    /// The profile the fleet follows.
    public let profile: Profile
    /// How many stations the whole fleet has (over every shard).
    public let stationCount: Int
    /// The seed of every random choice.
    public let seed: UInt64
    /// The part of the fleet this process runs.
    public let shard: FleetShard
    /// How reports name the profile (its file, usually).
    public let profileName: String

    /// The number of stations when neither the caller nor the profile says.
    public static let defaultStationCount = 1_000

    /// A fleet of `stations` stations (by default the profile's count, else 1,000) following `profile`.
    ///
    /// - Parameters:
    ///   - profile: a checked profile, from ``Profile/load(file:)``.
    ///   - stations: the size of the whole fleet; `nil` for the profile's `stations.count`.
    ///   - seed: the seed every station's random streams derive from.
    ///   - shard: the part of the fleet this process runs.
    ///   - profileName: how reports name the profile; by default its `name`.
    /// - Throws: ``SimulationError`` when the shard would have no station, or the fleet more than 1,048,576.
    public init(
        profile: Profile, stations: Int? = nil, seed: UInt64 = 1, shard: FleetShard = .whole,
        profileName: String? = nil
    ) throws(SimulationError) {
        let count = stations ?? profile.stations.count ?? Self.defaultStationCount
        guard count <= SimulationCore.maximumStations else { throw .tooManyStations(limit: SimulationCore.maximumStations) }
        guard count >= 1, !shard.stations(ofFleetOf: count).isEmpty else { throw .noStations }
        self.profile = profile
        stationCount = count
        self.seed = seed
        self.shard = shard
        self.profileName = profileName ?? profile.name
    }

    /// The plan of a run of `duration`: every station's sessions and events, drawn before anything runs.
    public func plan(duration: Duration) -> FleetPlan {
        FleetPlan(profile: profile, fleetSize: stationCount, seed: seed, duration: duration.milliseconds, shard: shard)
    }

    /// Simulates `duration` of the profile's time in virtual time, with the embedded CSMS in the same
    /// process and no socket, and returns the same report a run over sockets gives.
    ///
    /// - Parameters:
    ///   - duration: simulated time, from the profile's start.
    ///   - trace: a file to write every frame to, as JSON lines; `nil` for none.
    ///   - progress: called after each simulated minute with the metrics so far (for a progress line).
    /// - Returns: the run's report (its durations and rates are in simulated time).
    /// - Throws: ``SimulationError`` when the trace cannot be written.
    ///
    /// The simulation runs on the caller's executor (its workers on their own threads), so `progress` may
    /// touch the caller's state.
    nonisolated(nonsending)
    public func simulate(
        duration: Duration, trace: String? = nil, progress: ((MetricsSnapshot) -> Void)? = nil
    ) async throws(SimulationError) -> RunReport {
        let started = SystemClock.monotonicSeconds()
        let simulation = try Simulation(plan: plan(duration: duration), tracePath: trace)
        try simulation.run(progress: progress)
        return simulation.report(profileName: profileName, wallSeconds: SystemClock.monotonicSeconds() - started)
    }
}
