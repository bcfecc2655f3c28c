import OCPP
import Station

/// `bench-ocpp receive N` (or `receive-array N`): a registered station receives the answers to N Heartbeats,
/// each handed over as the socket fleet hands a received frame: in place, from the buffer it was read into
/// (`receive`), or copied into one reused array first (`receive-array`, as the fleet did before). Only
/// `deliver` is the path measured: run under `valgrind --tool=callgrind --toggle-collect='*deliver*'` and
/// count the calls to `malloc` inside it.
func receiveRounds(_ rounds: Int, inPlace: Bool) {
    var station = Station(
        model: .greenUp1VE, identity: StationIdentity(chargeBoxId: "GU0001", serialNumber: "1"), seed: 1)
    var now: Int64 = 1_555_683_943_083
    var effects: [StationEffect] = []
    var text: [UInt8] = []
    var copy: [UInt8] = []
    text.reserveCapacity(256)
    func sentCall(_ effects: [StationEffect]) -> OutgoingMessage? {
        for effect in effects {
            if case .send(let message) = effect, message.kind == .call { return message }
        }
        return nil
    }
    station.handle(.powerOn, now: now, effects: &effects)
    effects.removeAll(keepingCapacity: true)
    station.handle(.connected, now: now, effects: &effects)
    // Answered until the station has nothing more to say: its boot, then the status of each connector.
    var exchanges = 0
    while let call = sentCall(effects) {
        exchanges += 1
        precondition(exchanges < 100, "the station keeps sending")
        text.removeAll(keepingCapacity: true)
        switch call.action {
        case .bootNotification:
            let answer = BootNotificationResponse(
                status: .accepted, currentTime: OCPPDateTime(millisecondsSinceEpoch: now), interval: 60)
            OCPPFrame.encodeCallResult(messageId: call.messageId, answer, into: &text)
        case .statusNotification:
            OCPPFrame.encodeCallResult(messageId: call.messageId, StatusNotificationResponse(), into: &text)
        default:
            fatalError("unexpected \(String(describing: call.action))")
        }
        effects.removeAll(keepingCapacity: true)
        station.handle(.frameReceived(text), now: now, effects: &effects)
    }
    guard station.isRegistered else { fatalError("not registered") }
    var answered = 0
    for _ in 0..<rounds {
        now += 60_000
        effects.removeAll(keepingCapacity: true)
        station.handle(.timerFired(.heartbeat), now: now, effects: &effects)
        guard let id = sentCall(effects)?.messageId else { fatalError("no Heartbeat sent") }
        text.removeAll(keepingCapacity: true)
        OCPPFrame.encodeCallResult(
            messageId: id, HeartbeatResponse(currentTime: OCPPDateTime(millisecondsSinceEpoch: now)), into: &text)
        effects.removeAll(keepingCapacity: true)
        text.withUnsafeBytes { deliver($0, to: &station, inPlace: inPlace, copy: &copy, now: now, effects: &effects) }
        for effect in effects {
            if case .callCompleted(.heartbeat, _, .answered) = effect { answered += 1 }
        }
    }
    print("\(answered) of \(rounds) Heartbeats answered")
}

@inline(never)
func deliver(
    _ text: UnsafeRawBufferPointer, to station: inout Station, inPlace: Bool, copy: inout [UInt8], now: Int64,
    effects: inout [StationEffect]
) {
    if inPlace {
        station.handle(received: text, now: now, effects: &effects)
    } else {
        copy.removeAll(keepingCapacity: true)
        copy.append(contentsOf: text)
        station.handle(.frameReceived(copy), now: now, effects: &effects)
    }
}
