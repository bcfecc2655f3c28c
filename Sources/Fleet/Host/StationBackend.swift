import OCPP
import Station

/// What a ``StationHost`` asks of the world its stations live in: all that differs between real sockets on
/// the wall and station clocks (`run`, ``LoopFleet``) and in-process links in virtual time (`simulate`,
/// ``SimulationCore``). A station's place in the host (its slot) names it in every call.
///
/// A backend hears of the world (a frame, a link opened or lost, a timer) and hands it to its host, which
/// hands the station its event and calls back here to carry out the effects; those calls may lead back
/// into the host (a link that fails at once), so backend and host are classes.
protocol StationBackend: AnyObject {
    /// Whether a CALL's latency runs from when it was due, even when it waited in the station's queue
    /// (coordinated omission), or from when it was sent.
    static var measuresFromDue: Bool { get }

    /// How far the stations' clock is from the plan's calendar: a trace line's time is the station's
    /// time less this.
    var planShift: Int64 { get }

    /// Whether frames are traced (``trace(_:index:id:outgoing:planTime:now:)``).
    var isTracing: Bool { get }

    /// Whether anyone sees the stations' message ids (a CSMS over a socket, a trace): if not, the
    /// stations make shorter ones, which cost no allocation (``Station/StationOptions/compactMessageIds``).
    var showsMessageIds: Bool { get }

    /// Microseconds since the run started at the host's instant `nanos`: the metrics' timeline.
    func elapsedMicros(atNanos nanos: UInt64) -> UInt64

    /// When the profile's event number `event` is planned, on the host's clock.
    func eventStart(_ event: Int) -> UInt64

    /// Whether the station's link is up, so that what it sends goes out.
    func isLinked(_ slot: Int) -> Bool

    /// Puts a message of the station on its link, which is up; `bytes` is its JSON when the trace had it
    /// written already (a typed CALL's JSON is written on each read of ``Station/OutgoingMessage/bytes``).
    func send(_ message: consuming OutgoingMessage, bytes: [UInt8]?, slot: Int, now: HostInstant)

    /// Arms a timer of the station for station time `at` (re-armed if armed): when the stations' clock
    /// reaches it, or, given `wallFrom`, that long after it on the wall clock (a wait that models the
    /// network or the CSMS, unscaled by the speed).
    func arm(_ timer: HostTimer, slot: Int, at: Int64, wallFrom now: HostInstant?)

    func cancel(_ timer: HostTimer, slot: Int)

    /// The station wants a link: open one, then tell the host (``StationHost/linkOpened(_:now:)``) or
    /// that it failed (``StationHost/linkLost(_:now:)``).
    func connect(_ slot: Int, now: HostInstant)

    /// The station closes its link (a reboot): it knows, nothing is to be told.
    func close(_ slot: Int, now: HostInstant)

    /// The plan cuts the station's link the way `how` says; the host is told when the station has lost it.
    func drop(_ slot: Int, how: LinkCut, now: HostInstant)

    /// The plan puts the station's link under `fault` for a while.
    func beginLinkFault(_ fault: LinkFault, slot: Int, now: HostInstant)

    /// The first of the station's link faults to end (``HostTimer/faultEnd``) has ended.
    func endLinkFaults(_ slot: Int, now: HostInstant)

    /// The CSMS sends the station `request` (when the host drives the CSMS, and the station is linked).
    func command(_ request: CentralSystemRequest, slot: Int, now: HostInstant)

    /// Records a frame of the station `index` of the fleet (`id`) in the trace.
    /// - Parameter planTime: the frame's time on the plan's calendar.
    func trace(_ frame: [UInt8], index: Int, id: String, outgoing: Bool, planTime: Int64, now: HostInstant)
}
