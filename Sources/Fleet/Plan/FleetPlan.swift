import Basics

/// The plan of a run: for each station, its traits, its EV sessions and the timed events that reach it.
///
/// A station's plan is a function of (profile, seed, station index) and of the span of the run alone: it does
/// not depend on the fleet's size or on the shard that runs it, and the plan of a shorter run is the start
/// of a longer one's.
///
/// ```swift
/// let plan = FleetPlan(profile: profile, fleetSize: 1_000, seed: 42, duration: 86_400_000)
/// for index in plan.stations { let station = plan.station(index) ... }
/// ```
public struct FleetPlan: Sendable {
    /// The profile the plan is drawn from.
    public let profile: Profile
    /// The seed of every random draw.
    public let seed: UInt64
    /// How many stations the whole fleet has, over all shards.
    public let fleetSize: Int
    /// The part of the fleet this plan runs.
    public let shard: FleetShard
    /// The station indices this plan runs (all of them, or the shard's).
    public let stations: Range<Int>
    /// The start of the run, in milliseconds since the Unix epoch (the profile's start).
    public let start: Int64
    /// The end of the run, in milliseconds since the Unix epoch.
    public let end: Int64

    /// The plan of a run of `duration` milliseconds of `fleetSize` stations (or of one shard of them).
    public init(profile: Profile, fleetSize: Int, seed: UInt64, duration: Int64, shard: FleetShard = .whole) {
        self.profile = profile
        self.seed = seed
        self.fleetSize = fleetSize
        self.shard = shard
        stations = shard.stations(ofFleetOf: fleetSize)
        start = profile.start
        end = profile.start + duration
    }

    /// Stations are switched on within this span from the start, in milliseconds.
    static let bootSpread: Int64 = 60_000

    /// The plan of the station at `index` (0-based, in the whole fleet).
    public func station(_ index: Int) -> StationPlan {
        var traits = RandomStream(seed: seed, station: index, purpose: .traits)
        let siteIndex = traits.weightedIndex(profile.sites.map(\.share))
        let model = profile.stations.models[traits.weightedIndex(profile.stations.models.map(\.share))].value
        let firmware = profile.stations.firmware[traits.weightedIndex(profile.stations.firmware.map(\.share))].value
        let site = profile.sites[siteIndex]
        let plugAndCharge = traits.chance(site.plugAndChargeShare)
        let powerOn = start + Int64(traits.unit() * Double(Self.bootSpread))
        var drawer = SessionDrawer(
            site: site, station: index, seed: seed, chargingPoints: model.chargingPoints, plugAndCharge: plugAndCharge)
        var sessions: [PlannedSession] = []
        if case .explicit(let arrivals) = site.arrivals {
            drawer.drawExplicit(arrivals, start: start, end: end, into: &sessions)
        } else {
            for point in 0..<model.chargingPoints {
                drawer.drawPoisson(point: point, arrivals: site.arrivals, start: start, end: end,
                    utcOffsetSeconds: profile.utcOffsetSeconds, into: &sessions)
            }
            sessions.sort { ($0.arrival, $0.chargingPoint) < ($1.arrival, $1.chargingPoint) }
        }
        return StationPlan(
            index: index, id: profile.stations.stationID(index: index), site: siteIndex, model: model,
            firmware: firmware, plugAndCharge: plugAndCharge, powerOn: powerOn, sessions: sessions, turnedAway: drawer.turnedAway, events: events(station: index))
    }

    private func events(station index: Int) -> [PlannedEvent] {
        var stream = RandomStream(seed: seed, station: index, purpose: .events)
        var planned: [PlannedEvent] = []
        for (number, event) in profile.events.enumerated() {
            // Both draws are made for every event, so that one event's share does not move the others'.
            let pick = stream.unit()
            let place = stream.unit()
            let spread: Int64
            switch event.action {
            case .restartCSMS: continue
            case .powerCycle(_, let over), .firmwareRollout(_, _, let over): spread = over
            case .dropLinks, .chargingCap, .linkFault: spread = 0
            }
            if pick < event.share, event.selects(index: index) {
                planned.append(PlannedEvent(event: number, at: start + event.at + Int64(place * Double(spread))))
            }
        }
        return planned.sorted { ($0.at, $0.event) < ($1.at, $1.event) }
    }
}
