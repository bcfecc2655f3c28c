import OCPP
import Station

@testable import Fleet

/// A backend whose one station is linked to a CSMS played by the test: it keeps what the station sends,
/// and the test hands the answers back through the host, one at a time, as a loop would.
final class ScriptedBackend: StationBackend {
    static var measuresFromDue: Bool { true }
    var planShift: Int64 { 0 }
    var isTracing: Bool { false }
    var showsMessageIds: Bool { true }
    var host: StationHost<ScriptedBackend>!
    var linked = false
    /// Every message the station sent, in order.
    var sent: [OutgoingMessage] = []
    /// The station's CALLs not answered yet, oldest first.
    var unanswered: [OutgoingMessage] = []
    /// Milliseconds since the test began.
    var clock: Int64 = 0
    /// How many links the station asked for since the test's setup.
    var connects = 0
    /// The timers the host cancelled, in order.
    var cancelled: [HostTimer] = []

    /// One station of the run fixtures' plan, powered on, linked and registered, nothing left to answer.
    static func withOneRegisteredStation() throws -> ScriptedBackend {
        let backend = ScriptedBackend()
        let plan = FleetPlan(profile: try RunFixtures.profile(), fleetSize: 1, seed: 1, duration: 3_600_000)
        backend.host = StationHost(backend: backend, plan: plan, drivesCSMS: false, shift: 0)
        backend.host.add(plan.station(0))
        backend.host.timerFired(.powerOn, slot: 0, due: 0, now: backend.tick())
        backend.linked = true
        backend.host.linkOpened(0, now: backend.tick())
        backend.answerAll()
        // The link of the power-on is not one the tests ask about.
        backend.connects = 0
        return backend
    }

    /// The next instant, a millisecond later: 2026-01-05T08:00:00Z and on, on the station's clock.
    func tick() -> HostInstant {
        clock += 1
        return HostInstant(nanos: UInt64(clock) * 1_000_000, stationTime: 1_767_600_000_000 + clock)
    }

    func elapsedMicros(atNanos nanos: UInt64) -> UInt64 { nanos / 1000 }
    func eventStart(_ event: Int) -> UInt64 { 0 }
    func isLinked(_ slot: Int) -> Bool { linked }

    func send(_ message: consuming OutgoingMessage, bytes: [UInt8]?, slot: Int, now: HostInstant) {
        sent.append(copy message)
        if message.kind == .call { unanswered.append(message) }
    }

    func arm(_ timer: HostTimer, slot: Int, at: Int64, wallFrom now: HostInstant?) {}
    func cancel(_ timer: HostTimer, slot: Int) { cancelled.append(timer) }
    func connect(_ slot: Int, now: HostInstant) { connects += 1 }
    func close(_ slot: Int, now: HostInstant) { linked = false }
    func drop(_ slot: Int, how: LinkCut, now: HostInstant) {}
    func beginLinkFault(_ fault: LinkFault, slot: Int, now: HostInstant) {}
    func endLinkFaults(_ slot: Int, now: HostInstant) {}
    func command(_ request: CentralSystemRequest, slot: Int, now: HostInstant) {}
    func trace(_ frame: [UInt8], index: Int, id: String, outgoing: Bool, planTime: Int64, now: HostInstant) {}

    func sent(_ action: Action) -> [OutgoingMessage] {
        sent.filter { $0.kind == .call && $0.action == action }
    }

    /// Answers the oldest CALL not answered yet as a CSMS that accepts everything would.
    func answerOldest() {
        let call = unanswered.removeFirst()
        let payload =
            switch call.action {
            case .bootNotification: #"{"status":"Accepted","currentTime":"2026-01-05T08:00:00Z","interval":60}"#
            case .heartbeat: #"{"currentTime":"2026-01-05T08:00:00Z"}"#
            case .authorize, .stopTransaction: #"{"idTagInfo":{"status":"Accepted"}}"#
            case .startTransaction: #"{"idTagInfo":{"status":"Accepted"},"transactionId":4242}"#
            default: "{}"
            }
        receive(#"[3,"\#(call.messageId)",\#(payload)]"#)
    }

    /// Answers the station's CALLs until it has none waiting (bounded: a station sends a handful here).
    func answerAll() {
        for _ in 0..<50 where !unanswered.isEmpty { answerOldest() }
    }

    func receive(_ text: String) {
        Array(text.utf8).withUnsafeBytes { host.frameReceived($0, slot: 0, now: tick()) }
    }
}

/// Tests of a host driven through a ``ScriptedBackend``, in the words of its station's life.
protocol ScriptedHostTests {
    var backend: ScriptedBackend { get }
}

extension ScriptedHostTests {
    var host: StationHost<ScriptedBackend> { backend.host }

    func answerOldest() { backend.answerOldest() }

    func answerAll() { backend.answerAll() }

    func receive(_ text: String) { backend.receive(text) }

    func deliver(_ event: StationEvent) {
        let now = backend.tick()
        host.deliver(event, slot: 0, due: now.nanos, now: now)
    }
}
