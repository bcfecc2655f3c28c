import CSMS
import Metrics
import OCPP
import Station

/// A contiguous range of a simulation's stations with everything they need, run by one thread: the
/// in-process, virtual-time backend of a ``StationHost``.
///
/// The stations (in the host) and their CSMS cores exchange frames through one ``SimulationQueue`` in
/// virtual time: a frame takes ``Simulation/linkLatency`` each way, and nothing else costs time. The
/// host's timers are the scheduler's entries, a re-armed or cancelled one left behind and recognised as
/// stale by its generation. Stations never affect one another (each has its own CSMS core), so cores run
/// side by side and their results merge exactly.
final class SimulationCore: StationBackend {
    // The hot state is unchecked for exclusivity: a core is confined to the thread running it, and its
    // accesses are short, as the static checks of a value type would prove.

    /// How long a WebSocket connection takes to open, in milliseconds.
    static let connectLatency: Int64 = 10
    /// The most stations a simulated fleet may have: the stride of the CSMS cores' transaction ids.
    static let maximumStations = 1 << 20
    /// In virtual time a CALL's latency runs from when it was sent: measured from the due times of the
    /// station's queue (``StationCalls/account(queued:due:sentFromQueue:)``), the latencies of a shard's
    /// simulation no longer add up to the whole fleet's (not yet understood).
    static var measuresFromDue: Bool { false }

    let plan: FleetPlan
    let planShift: Int64 = 0
    /// How often a link is pinged, in milliseconds, or `nil` for no pings: a partition is then found by
    /// none of them, as a Green'Up's (which sends none) is not. Pings are only modelled in a partition,
    /// the one time one goes unanswered.
    let pingInterval: Int64?
    let scheduler: SimulationQueue
    /// Each station's CSMS core and link, by slot (the station's index less the core's first).
    @exclusivity(unchecked) var links: [SimulatedStation] = []
    @exclusivity(unchecked) var timerGenerations: [UInt32]
    @exclusivity(unchecked) var frames = FramePool()
    @exclusivity(unchecked) var trace: TraceBuffer?
    let isTracing: Bool
    /// Whether a station's CALLs and their answers travel as typed values rather than as JSON (see
    /// ``SimulatedFrame``); the trace and the report are the same either way.
    let typedFrames: Bool
    /// The stations' message ids are seen only in the trace, or, with JSON frames, as over a socket.
    var showsMessageIds: Bool { isTracing || !typedFrames }
    var csmsIsDown = false
    /// Buffers handed to the CSMS cores, reused; a stack, because handling one effect may make another
    /// state machine act before the first buffer is done with.
    @exclusivity(unchecked) var csmsBuffers: [[CSMSEffect]] = []
    /// The stations; set once, as the core is made. Read through an unowned reference, so that each
    /// event costs no reference counting; `hostOwner` keeps it.
    @exclusivity(unchecked) private(set) unowned(unsafe) var host: StationHost<SimulationCore>!
    private var hostOwner: StationHost<SimulationCore>?

    /// What the stations do, as the report counts it; confined to the thread running this core.
    let recorder = MetricsRecorder()

    /// Prepares the stations `range` of `plan`, switched off.
    init(
        plan: FleetPlan, stations range: Range<Int>, tracing: Bool, typedFrames: Bool = true,
        pingInterval: Int64? = nil
    ) {
        self.plan = plan
        self.typedFrames = typedFrames
        self.pingInterval = pingInterval
        isTracing = tracing
        trace = tracing ? TraceBuffer() : nil
        scheduler = SimulationQueue(start: plan.start, capacity: range.count * 4)
        timerGenerations = [UInt32](repeating: 0, count: range.count * HostTimer.count)
        let host = StationHost(backend: self, plan: plan, drivesCSMS: true, shift: 0, recorder: recorder)
        hostOwner = host
        self.host = host
        let profile = plan.profile
        host.reserveCapacity(range.count)
        links.reserveCapacity(range.count)
        scheduleFaults()
        for index in range {
            let stationPlan = plan.station(index)
            let configuration = CSMSConfiguration(
                heartbeatInterval: Int(profile.csms.heartbeatIntervalMilliseconds / 1000),
                answerDelay: profile.csms.answerDelayMilliseconds,
                badges: BadgeList(BadgeNaming.knownBadges(station: index, start: plan.start)), seed: plan.seed)
            // The core's shard is the station's index: transaction ids then never collide across stations.
            let csms = CentralSystem(configuration: configuration, shard: index, shardCount: Self.maximumStations)
            let slot = host.add(stationPlan)
            links.append(SimulatedStation(csms: csms, id: stationPlan.id))
            arm(.powerOn, slot: slot, at: stationPlan.powerOn, wallFrom: nil)
            host.startLife(slot)
        }
        scheduleCSMSRestarts()
    }

    /// Runs every event due up to `time`, then leaves the clock there.
    func run(until time: Int64) {
        // The recorder's time moves once a window (each event's figures land in the window's first
        // second, whichever core records them); storms are timed to their events.
        while let (event, now) = scheduler.next(notAfter: time) {
            fire(event, now: now)
        }
        scheduler.advance(to: time)
        recorder.advance(toElapsedMicros: elapsedMicros(atNanos: nanos(time)))
        trace?.sort()
    }

    /// The CSMS cores' counters, summed over the stations.
    var csmsCounters: CSMSCounters {
        var totals = CSMSCounters()
        for link in links {
            totals.add(link.csms.counters)
        }
        return totals
    }

    func elapsedMicros(atNanos nanos: UInt64) -> UInt64 {
        nanos / 1000
    }

    func eventStart(_ event: Int) -> UInt64 {
        nanos(plan.start + plan.profile.events[event].at)
    }

    /// Virtual time `now` as the host's monotonic clock: nanoseconds since the plan's start.
    func nanos(_ now: Int64) -> UInt64 {
        UInt64(max(0, now - plan.start)) * 1_000_000
    }

    /// Virtual time `now` on the host's two clocks.
    func instant(_ now: Int64) -> HostInstant {
        HostInstant(nanos: nanos(now), stationTime: now)
    }

    func trace(_ frame: [UInt8], index: Int, id: String, outgoing: Bool, planTime: Int64, now: HostInstant) {
        trace?.record(time: planTime, station: index, id: id, direction: outgoing ? .out : .into, frame: frame)
    }
}
