import Basics
import Net
import OCPP

/// What `ocpp-fleet run` runs: the fleet, the CSMS it talks to, and how.
///
/// ```swift
/// var configuration = FleetRunConfiguration(profile: try Profile.load(file: "Profiles/default.json"))
/// configuration.stations = 1_000
/// configuration.duration = .seconds(60)
/// let report = try await FleetRunner(configuration: configuration).run()
/// ```
public struct FleetRunConfiguration: Sendable {
    /// The CSMS's `ws://` or `wss://` URL (station `k` connects to `URL/<id>`), or `nil` to start the
    /// embedded CSMS on 127.0.0.1 with a port the system chooses.
    public var csmsURL: String?
    /// The fleet's profile: station identifiers, models, EV arrivals, reconnection policy, timed events.
    public var profile: Profile
    /// The profile's name as the report shows it (its file, usually).
    public var profileName: String
    /// How many stations the whole fleet has (over every shard).
    public var stations: Int
    /// How long the run lasts, in wall-clock time.
    public var duration: Duration
    /// How much faster than the wall clock the stations' clocks run (`60`: a simulated minute per second);
    /// at 1 they are the wall clock. The waits that model the network and the CSMS are never scaled.
    public var speed: Double
    /// The seed every station's random streams derive from.
    public var seed: UInt64
    /// How many stations begin connecting per second, at most.
    public var rampPerSecond: Double
    /// Which part of the fleet this process runs (`--shard I/N`).
    public var shard: FleetShard
    /// Local IPv4 or IPv6 addresses to connect from, in turn (`--source-addresses`); empty for the system's
    /// choice, except against a CSMS on a 127.x address, where a fleet (or shard) of more than 2,000
    /// stations connects from addresses of 127.0.0.0/8 of its own, about 2,000 stations each, so that the
    /// kernel finds each connection's local port quickly.
    public var sourceAddresses: [String]
    /// The HTTP Basic password every station sends (its id is the user name); never written anywhere.
    public var password: String?
    /// `wss://`: a PEM file of the authorities to trust instead of the system's.
    public var caFile: String?
    /// `wss://`: skip certificate verification.
    public var insecure: Bool
    /// Where to write every frame as JSON lines (`--trace`), or `nil`.
    public var traceFile: String?
    /// A port on 127.0.0.1 to serve Prometheus metrics on while the run goes, or `nil`.
    public var metricsPort: UInt16?
    /// How long one connection may take to open (TCP, TLS, upgrade); also how long the run waits for a
    /// first station to connect before it gives up on the CSMS.
    public var connectTimeout: Duration
    /// How often each station pings its open link, on the wall clock, never scaled by ``speed``; a link
    /// whose ping is still unanswered at the next one is closed as dead (`ping_timeout` in the report) and
    /// the station reconnects by its policy. `nil` (the default) sends no pings, as the Green'Up does
    /// (its `WebSocketPingInterval` key is stored but has no effect); pings from the CSMS are always
    /// answered.
    public var pingInterval: Duration?
    /// How many connections may be opening at once, over the whole fleet.
    public var maxConnectsInFlight: Int
    /// How long open transactions may take to stop when the run ends or is stopped, before links close anyway.
    public var drainTimeout: Duration
    /// How many event loops (threads) carry the stations; one per core by default.
    public var loops: Int
    /// How many of the shard's stations (the first ones) power on when the run starts, the others waiting
    /// for ``FleetRunner/resize(to:)``; `nil` (the default): all of them. A capacity search resizes one
    /// running fleet this way instead of starting a new one per size.
    public var poweredOnAtStart: Int?

    /// A run of `profile` with the command line's defaults: its stations (or 1,000), 60 s at speed 60,
    /// seed 1, 500 connections per second, the embedded CSMS.
    public init(profile: Profile, profileName: String? = nil) {
        csmsURL = nil
        self.profile = profile
        self.profileName = profileName ?? profile.name
        stations = profile.stations.count ?? 1_000
        duration = .seconds(60)
        speed = 60
        seed = 1
        rampPerSecond = 500
        shard = .whole
        sourceAddresses = []
        password = nil
        caFile = nil
        insecure = false
        traceFile = nil
        metricsPort = nil
        connectTimeout = .seconds(10)
        pingInterval = nil
        maxConnectsInFlight = 1_000
        drainTimeout = .seconds(5)
        loops = EventLoopGroup.coreCount
        poweredOnAtStart = nil
    }
}

extension FleetRunConfiguration {
    /// The speed as a person writes it: `60`, `0.5`.
    public var speedText: String {
        speed == speed.rounded() && abs(speed) < 1e15 ? String(Int64(speed)) : String(speed)
    }

    /// What a start banner says of the stations' clocks when they do not run at the wall clock's pace:
    /// `station clocks start at <now, ISO 8601> and run 60× faster`; `nil` at speed 1, where a station's
    /// clock is the wall clock.
    public func stationClockNote() -> String? {
        guard speed != 1 else { return nil }
        let now = OCPPDateTime(millisecondsSinceEpoch: SystemClock.wallMilliseconds())
        return "station clocks start at \(now) and run "
            + (speed > 1 ? "\(speedText)× faster" : "at \(speedText)× the wall clock's pace")
    }
}
