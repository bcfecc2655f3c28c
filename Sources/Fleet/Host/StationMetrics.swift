import Metrics
import OCPP
import Station

/// The one mapping of what stations do to a run's metrics, for both backends: the CALLs they send and
/// how each ended (latency from when it was due, service time from when it was written), the commands
/// they answer, the answers that come after a timeout, their transactions, lost messages and bad frames.
///
/// Times are nanoseconds on the host's monotonic clock: the loops' clock over sockets, virtual time since
/// the plan's start in a simulation. One per thread, like its recorder.
struct StationMetrics {
    let recorder: MetricsRecorder
    /// The recorder's handle of each action met so far: registered when first used, so that the report
    /// lists only what happened. By the action's ordinal: a dictionary's hashing cost ~200 instructions a CALL.
    private var actions = [ActionID?](repeating: nil, count: Action.allCases.count)
    /// The CALLs that timed out, for the answers that come after all.
    private var givenUp = GivenUpCalls()

    init(recorder: MetricsRecorder) {
        self.recorder = recorder
    }

    mutating func actionID(_ action: Action) -> ActionID {
        if let id = actions[Int(action.ordinal)] { return id }
        let id = recorder.register(action: action.rawValue)
        actions[Int(action.ordinal)] = id
        return id
    }

    /// A station wrote `message` on its link at `now`: a CALL of its own (due at `due`), or its answer to
    /// a command of the CSMS, which counts the command as received.
    mutating func sent(_ message: OutgoingMessage, calls: inout StationCalls, due: UInt64, now: UInt64) {
        guard let action = message.action else { return }
        let id = actionID(action)
        switch message.kind {
        case .call:
            recorder.recordSent(id)
            calls.wrote(due: due, at: now)
        case .callResult, .callError:
            recorder.recordReceived(id)
        }
    }

    /// The station's CALL in flight ended at `now` the way `outcome` says.
    /// - Parameter station: tells the stations of one host apart, for an answer that comes after a timeout.
    mutating func completed(
        _ action: Action, messageId: MessageID, _ outcome: CallOutcome, station: Int, calls: inout StationCalls,
        now: UInt64
    ) {
        let call = calls.inFlight
        calls.inFlight = nil
        // A CALL the station sent after its link closed under it (the host not told yet) was never
        // written: it reached no CSMS, so it is no timeout, as it was not counted sent.
        if call == nil, outcome == .timedOut || outcome == .connectionLost { return }
        let id = actionID(action)
        let latency = call.map { Self.micros(from: $0.due, to: now) } ?? 0
        let service = call.map { Self.micros(from: $0.written, to: now) } ?? 0
        switch outcome {
        case .answered:
            recorder.recordAnswer(id, latencyMicros: latency, serviceMicros: service)
        case .callError(let code):
            recorder.recordCallError(id, code: code.rawValue, latencyMicros: latency, serviceMicros: service)
        case .timedOut:
            recorder.recordTimeout(id)
            // Its answer may still come, late: measured then from when the CALL was due.
            if let call {
                givenUp.insert(
                    GivenUpCalls.Call(due: call.due, written: call.written), slot: station, messageId: messageId,
                    now: now)
            }
        case .connectionLost:
            // No answer came, nor can one come on another link: for the report, a timeout all the same.
            recorder.recordTimeout(id)
        }
    }

    /// The answer to a CALL the station had given up on came at `now`.
    mutating func lateAnswer(_ action: Action, messageId: MessageID, station: Int, now: UInt64) {
        let call = givenUp.remove(slot: station, messageId: messageId, now: now)
        recorder.recordLateAnswer(
            actionID(action), latencyMicros: call.map { Self.micros(from: $0.due, to: now) },
            serviceMicros: call.map { Self.micros(from: $0.written, to: now) })
    }

    /// What the station counted: transactions, lost or duplicated messages, bad frames.
    /// - Parameter station: the station's identifier, which a lost message's record names.
    func count(_ count: StationCount, station: String) {
        switch count {
        case .transactionStarted: recorder.recordTransactionStarted()
        case .transactionStopped(let energyWh): recorder.recordTransactionStopped(energyWh: UInt64(max(0, energyWh)))
        case .transactionLost: recorder.recordTransactionLost()
        case .messageLost(let lost): recorder.recordMessageLost(LostMessageRecord(lost, station: station))
        case .duplicateSent: recorder.recordDuplicateSent()
        case .badFrame(let code): recorder.recordBadFrame(code: code.rawValue)
        case .unmatchedAnswer: recorder.recordUnmatchedAnswer()
        }
    }

    private static func micros(from start: UInt64, to now: UInt64) -> UInt64 {
        now > start ? (now - start) / 1000 : 0
    }
}
