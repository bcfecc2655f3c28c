import Foundation
import OCPP

@testable import Station

/// A station driven by hand: a fake clock, the timers it armed, the frames it sent (parsed back), and an
/// optional CSMS that answers every CALL at once.
struct StationHarness {
    struct Sent {
        let kind: OutgoingMessage.Kind
        let messageId: String
        let action: Action?
        let bytes: [UInt8]
        /// The frame, parsed with Foundation (independent of the station's own encoder).
        let frame: [Any]

        var payload: [String: Any] { (frame.last as? [String: Any]) ?? [:] }
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// What the CSMS answers to a CALL: a CALLRESULT payload, a CALLERROR code, or silence.
    enum Reply {
        case result(String)
        case error(String)
        case silence
    }

    var station: Station
    var now: Int64 = 1_555_683_943_083  // 2019-04-19T14:25:43.083Z, the guide's StartTransaction
    var timers: [StationTimer: Int64] = [:]
    var sent: [Sent] = []
    var counts: [StationCount] = []
    var completed: [(action: Action, messageId: String, outcome: CallOutcome)] = []
    /// Answers that came for CALLs the station had given up on, as it reported them.
    var lateAnswers: [(action: Action, messageId: String)] = []
    var connects = 0
    var closes = 0
    /// Whether the CSMS can be reached: a connection the station asks for opens at once, or fails at once.
    var autoConnect = true
    /// The CSMS; nil leaves every CALL unanswered until the test answers it.
    var csms: ((Action, [String: Any]) -> Reply)? = StationHarness.acceptingCSMS()
    var lastTransactionId = 1000
    /// How far the CSMS's clock is ahead of the test's `now`, in milliseconds: 0 makes them agree, as a real
    /// CSMS's and a runner's do at speed 1.
    var csmsClockOffsetMs: Int64 = 0

    init(model: StationModel = .greenUp2VE, seed: UInt64 = 1, options: StationOptions = StationOptions()) {
        station = Station(
            model: model, identity: StationIdentity(chargeBoxId: "0224B1FFFF3EAF33", serialNumber: "260988"), seed: seed,
            options: options)
    }

    /// Stands for the CSMS's clock in a reply: the harness writes the time of ``csmsClockOffsetMs`` in its
    /// place, quoted.
    static let csmsNow = "\"@now\""

    /// A CSMS that accepts everything: Boot Accepted (interval 60), idTags Accepted, transactionIds from 1001.
    static func acceptingCSMS(interval: Int = 60) -> (Action, [String: Any]) -> Reply {
        var next = 1000
        return { action, _ in
            switch action {
            case .bootNotification:
                return .result(#"{"status":"Accepted","currentTime":\#(csmsNow),"interval":\#(interval)}"#)
            case .heartbeat: return .result(#"{"currentTime":\#(csmsNow)}"#)
            case .authorize: return .result(#"{"idTagInfo":{"status":"Accepted"}}"#)
            case .startTransaction:
                next += 1
                return .result(#"{"idTagInfo":{"status":"Accepted"},"transactionId":\#(next)}"#)
            case .stopTransaction: return .result(#"{"idTagInfo":{"status":"Accepted"}}"#)
            default: return .result("{}")
            }
        }
    }

    // MARK: - Driving

    mutating func handle(_ event: StationEvent) {
        var inbox: [StationEvent] = [event]
        var rounds = 0
        while !inbox.isEmpty {
            rounds += 1
            precondition(rounds < 10_000, "the station and the fake CSMS talk forever")
            var effects: [StationEffect] = []
            station.handle(inbox.removeFirst(), now: now, effects: &effects)
            for effect in effects {
                switch effect {
                case .send(let message):
                    let frame = (try? JSONSerialization.jsonObject(with: Data(message.bytes))) as? [Any] ?? []
                    sent.append(Sent(kind: message.kind, messageId: message.messageId, action: message.action, bytes: message.bytes, frame: frame))
                    if message.kind == .call, let csms, let action = message.action {
                        switch csms(action, (frame.last as? [String: Any]) ?? [:]) {
                        case .result(let payload):
                            let stamped = payload.replacingOccurrences(
                                of: Self.csmsNow,
                                with: "\"\(OCPPDateTime(millisecondsSinceEpoch: now + csmsClockOffsetMs))\"")
                            inbox.append(.frameReceived(Array(#"[3,"\#(message.messageId)",\#(stamped)]"#.utf8)))
                        case .error(let code):
                            inbox.append(.frameReceived(Array(#"[4,"\#(message.messageId)","\#(code)","",{}]"#.utf8)))
                        case .silence: break
                        }
                    }
                case .armTimer(let timer, let at): timers[timer] = at
                case .cancelTimer(let timer): timers[timer] = nil
                case .closeConnection: closes += 1
                case .connect:
                    connects += 1
                    inbox.append(autoConnect ? .connected : .disconnected)
                case .callCompleted(let action, let messageId, let outcome):
                    completed.append((action, messageId.description, outcome))
                case .lateAnswer(let action, let messageId): lateAnswers.append((action, messageId.description))
                case .count(let count): counts.append(count)
                }
            }
        }
    }

    /// Moves the clock forward, firing every timer that comes due on the way, in deadline order.
    mutating func advance(seconds: Double) {
        let target = now + Int64(seconds * 1000)
        var fired = 0
        while let (timer, at) = timers.filter({ $0.value <= target }).min(by: { $0.value < $1.value }) {
            fired += 1
            precondition(fired < 100_000, "timers keep firing")
            now = max(now, at)
            timers[timer] = nil
            handle(.timerFired(timer))
        }
        now = target
    }

    /// Powers on and lets the accepting CSMS register the station.
    mutating func boot() {
        handle(.powerOn)
    }

    /// Sends a CSMS request and returns the station's answer.
    @discardableResult
    mutating func request(_ action: String, _ payload: String, id: String = "csms-1") -> Sent? {
        let before = sent.count
        handle(.frameReceived(Array(#"[2,"\#(id)","\#(action)",\#(payload)]"#.utf8)))
        return sent[before...].first { $0.messageId == id && $0.kind != .call }
    }

    mutating func receive(_ text: String) {
        handle(.frameReceived(Array(text.utf8)))
    }

    // MARK: - Reading

    func calls(_ action: Action) -> [Sent] {
        sent.filter { $0.kind == .call && $0.action == action }
    }

    func statuses(connector: Int) -> [String] {
        calls(.statusNotification).filter { $0.payload["connectorId"] as? Int == connector }.compactMap {
            $0.payload["status"] as? String
        }
    }

    var stationCalls: [Sent] { sent.filter { $0.kind == .call } }
}

extension StationHarness {
    /// A station charging on connector 1 (transactionId 1001) whose link then drops for good.
    static func chargingOffline() -> StationHarness {
        var harness = StationHarness()
        harness.boot()
        harness.handle(.evPlugged(connectorId: 1, ev: .typical))
        harness.handle(.badgePresented(connectorId: 1, idTag: "BADGE1"))
        harness.autoConnect = false
        harness.handle(.disconnected)
        return harness
    }
}
