import CSMS
import Metrics
import OCPP
import Station

/// A contiguous range of a simulation's stations with everything they need, run by one thread.
///
/// The stations' state machines and their CSMS cores exchange frames through one ``Scheduler`` on a
/// ``VirtualClock``: a frame takes ``Simulation/linkLatency`` each way, and nothing else costs time.
/// Stations never affect one another (each has its own CSMS core), so cores run side by side and their
/// results merge exactly.
struct SimulationCore {
    /// How long a WebSocket connection takes to open, in milliseconds.
    static let connectLatency: Int64 = 10
    /// The most stations a simulated fleet may have: the stride of the CSMS cores' transaction ids.
    static let maximumStations = 1 << 20

    let plan: FleetPlan
    /// The index in the fleet of this core's first station.
    let firstStation: Int
    var scheduler: Scheduler<SimulationEvent, VirtualClock>
    var stations: [SimulatedStation] = []
    var timerGenerations: [UInt32]
    var frames = FramePool()
    /// What the stations do, as the report counts it; confined to the thread running this core.
    var metrics = StationMetrics(recorder: MetricsRecorder())
    var recorder: MetricsRecorder { metrics.recorder }
    var trace: TraceBuffer?
    /// Whether a station's CALLs and their answers travel as typed values rather than as JSON (see
    /// ``SimulatedFrame``); the trace and the report are the same either way.
    let typedFrames: Bool
    var csmsIsDown = false
    /// Buffers handed to the state machines, reused; a stack, because handling one effect may make
    /// another state machine act before the first buffer is done with.
    var stationBuffers: [[StationEffect]] = []
    var csmsBuffers: [[CSMSEffect]] = []

    /// Prepares the stations `range` of `plan`, switched off.
    init(plan: FleetPlan, stations range: Range<Int>, tracing: Bool, typedFrames: Bool = true) {
        self.plan = plan
        self.typedFrames = typedFrames
        firstStation = range.lowerBound
        trace = tracing ? TraceBuffer() : nil
        scheduler = Scheduler(clock: VirtualClock(start: plan.start), capacity: range.count * 4)
        timerGenerations = [UInt32](repeating: 0, count: range.count * HostTimer.count)
        let profile = plan.profile
        stations.reserveCapacity(range.count)
        for index in range {
            let stationPlan = plan.station(index)
            let station = stationPlan.makeStation(reconnection: profile.reconnection, seed: plan.seed)
            let configuration = CSMSConfiguration(
                heartbeatInterval: Int(profile.csms.heartbeatIntervalMilliseconds / 1000),
                answerDelay: profile.csms.answerDelayMilliseconds,
                badges: BadgeList(BadgeNaming.knownBadges(station: index, start: plan.start)), seed: plan.seed)
            // The core's shard is the station's index: transaction ids then never collide across stations.
            let csms = CentralSystem(configuration: configuration, shard: index, shardCount: Self.maximumStations)
            let life = StationLife(plan: stationPlan, profile: profile, end: plan.end, shift: 0)
            stations.append(SimulatedStation(station: station, csms: csms, plan: stationPlan, life: life))
        }
        schedulePlans()
    }

    /// Runs every event due up to `time`, then leaves the clock there.
    mutating func run(until time: Int64) {
        while let (event, now) = scheduler.next(notAfter: time) {
            fire(event.payload, now: now)
        }
        scheduler.advance(to: time)
        recorder.advance(toElapsedMicros: elapsedMicros(time))
        trace?.sort()
    }

    /// The CSMS cores' counters, summed over the stations.
    var csmsCounters: CSMSCounters {
        var totals = CSMSCounters()
        for station in stations {
            totals.add(station.csms.counters)
        }
        return totals
    }

    func elapsedMicros(_ now: Int64) -> UInt64 {
        UInt64(max(0, now - plan.start)) * 1000
    }

    /// Virtual time `now` as the host's monotonic clock: nanoseconds since the plan's start.
    func nanos(_ now: Int64) -> UInt64 {
        UInt64(max(0, now - plan.start)) * 1_000_000
    }

    /// Records a frame in the trace, if there is one.
    mutating func record(_ frame: [UInt8], station local: Int, direction: TraceBuffer.Direction, now: Int64) {
        guard trace != nil else { return }
        trace!.record(
            time: now, station: firstStation + local, id: stations[local].plan.id, direction: direction, frame: frame)
    }
}
