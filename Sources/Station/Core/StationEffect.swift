import OCPP

/// What a station asks of its runner, appended to the buffer given to ``Station/handle(_:now:effects:)``
/// in the order the runner must carry them out.
public enum StationEffect: Sendable {
    /// Send one WebSocket text message.
    case send(OutgoingMessage)
    /// Fire ``StationEvent/timerFired(_:)`` at `at` (milliseconds since the epoch); replaces the same tag.
    case armTimer(StationTimer, at: Int64)
    case cancelTimer(StationTimer)
    /// Close the WebSocket (reboot, power cut).
    case closeConnection
    /// Open a WebSocket to the CSMS (first connection and every reconnection).
    case connect
    /// A CALL the station sent is over: answered, refused, or given up.
    case callCompleted(action: Action, messageId: MessageID, outcome: CallOutcome)
    /// An answer (CALLRESULT or CALLERROR) came for a CALL the station had already given up waiting for
    /// (it completed as ``CallOutcome/timedOut``): late, not a fault of the CSMS. The runner measures its
    /// real latency. Reported once per CALL, for the last ``Station/lateAnswerMemory`` CALLs that timed out;
    /// the answer does not act on the station.
    case lateAnswer(action: Action, messageId: MessageID)
    /// A figure for the fleet's report.
    case count(StationCount)
}

/// One message for the CSMS, with what the runner needs to measure it.
public struct OutgoingMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A CALL the station originates: its answer will come back as ``StationEffect/callCompleted(action:messageId:outcome:)``.
        case call
        /// The station's CALLRESULT to a CSMS request.
        case callResult
        /// The station's CALLERROR to a CSMS request.
        case callError
    }

    /// The frame, with its id: the CSMS's for an answer, drawn by the station for its CALLs.
    private enum Body: Sendable {
        case frame([UInt8], messageId: String)
        /// A Heartbeat, which carries nothing: most CALLs of a fleet, and the box of ``call(_:_:)`` would be
        /// an allocation for each.
        case heartbeat(MessageID)
        // Boxed: a request is up to ~150 bytes, which every effect would otherwise carry and copy.
        case call(RequestBox, MessageID)
    }

    /// A typed CALL's request on the heap, shared by the copies of its message: a class with a constant,
    /// so that ``lendRequest(to:)`` hands it over in place where an `indirect` case's payload is copied out
    /// of its box (every array and string of the request retained, then released).
    private final class RequestBox: Sendable {
        let request: StationRequest

        init(_ request: StationRequest) {
            self.request = request
        }
    }

    private let body: Body
    /// The action of the CALL, or of the CSMS request answered; nil when answering a CALL whose action is
    /// not an OCPP 1.6 action.
    public let action: Action?
    public let kind: Kind

    public init(bytes: [UInt8], action: Action?, messageId: String, kind: Kind) {
        body = .frame(bytes, messageId: messageId)
        self.action = action
        self.kind = kind
    }

    /// A CALL of the station, kept typed until its bytes are asked for: a runner whose CSMS is in the same
    /// process hands it over as ``request`` and never writes its JSON.
    public init(call request: StationRequest, messageId: MessageID) {
        body = if case .heartbeat = request { .heartbeat(messageId) } else { .call(RequestBox(request), messageId) }
        action = request.action
        kind = .call
    }

    /// The message id's text (made on each read for a CALL of the station: read it once).
    public var messageId: String {
        switch body {
        case .frame(_, let messageId): messageId
        case .heartbeat(let messageId), .call(_, let messageId): messageId.description
        }
    }

    /// The JSON text of the frame, UTF-8 (written on each read for a typed CALL: read it once).
    public var bytes: [UInt8] {
        switch body {
        case .frame(let bytes, _):
            return bytes
        case .heartbeat, .call:
            var bytes: [UInt8] = []
            append(to: &bytes)
            return bytes
        }
    }

    /// Appends the JSON text of the frame to `buffer`: a typed CALL is written straight into a buffer the
    /// caller reuses, where ``bytes`` makes an array for each message.
    public func append(to buffer: inout [UInt8]) {
        switch body {
        case .frame(let bytes, _):
            buffer.append(contentsOf: bytes)
        case .heartbeat(let messageId):
            messageId.withUTF8 { OCPPFrame.encodeCall(unescapedMessageId: $0, HeartbeatRequest(), into: &buffer) }
        case .call(let box, let messageId):
            messageId.withUTF8 { box.request.encodeCall(unescapedMessageId: $0, into: &buffer) }
        }
    }

    /// The CALL's request as a typed value, when the station made it so (its own CALLs).
    public var request: StationRequest? {
        switch body {
        case .frame: nil
        case .heartbeat: .heartbeat(HeartbeatRequest())
        case .call(let box, _): box.request
        }
    }

    /// Lends the CALL's request to `body` without copying it, when the station made it typed (as
    /// ``request`` would give it); does nothing otherwise.
    public func lendRequest(to body: (StationRequest) -> Void) {
        switch self.body {
        case .frame: break
        case .heartbeat: body(.heartbeat(HeartbeatRequest()))
        case .call(let box, _): body(box.request)
        }
    }

    /// Whether the message is a CALL kept typed (``request`` is not `nil`), asked without copying the request.
    public var isTyped: Bool {
        if case .frame = body { false } else { true }
    }

    public static func == (lhs: OutgoingMessage, rhs: OutgoingMessage) -> Bool {
        lhs.action == rhs.action && lhs.messageId == rhs.messageId && lhs.kind == rhs.kind && lhs.bytes == rhs.bytes
    }
}

/// How a CALL the station sent ended.
public enum CallOutcome: Sendable, Equatable {
    /// A CALLRESULT came back (whatever its status field says).
    case answered
    /// A CALLERROR came back, or a CALLRESULT whose payload broke the schema (with the violation's code).
    case callError(CallErrorCode)
    /// No answer within the station's timeout (confBasicTime, confAuthorizeTime for Authorize).
    case timedOut
    /// The link dropped before the answer came.
    case connectionLost
}

/// The figures a station reports, each as it happens.
public enum StationCount: Sendable, Equatable {
    /// The station began a transaction (its StartTransaction is queued).
    case transactionStarted
    /// The CSMS acknowledged a StopTransaction; `energyWh` is meterStop - meterStart.
    case transactionStopped(energyWh: Int)
    /// A transaction's StartTransaction or StopTransaction was given up (after TransactionMessageAttempts,
    /// or with a full offline queue): the CSMS will not see the whole transaction.
    case transactionLost
    /// A transaction message was given up: each one, with what names it (a StartTransaction or
    /// StopTransaction lost is also a ``transactionLost``).
    case messageLost(LostMessage)
    /// A CALL went out again after its previous sending got no answer (timed out, or the link dropped
    /// under it): the CSMS may receive it twice, as OCPP-J allows, under the same message id.
    case duplicateSent(Action)
    /// The CSMS sent something OCPP-J refuses, counted under the CallError code it deserves (answered with
    /// that CALLERROR when it was a CALL with a readable id).
    case badFrame(CallErrorCode)
    /// A CALLRESULT or CALLERROR whose id matches no CALL in flight nor any of the last few that timed out
    /// (an answer to one of those is ``StationEffect/lateAnswer(action:messageId:)``): an id the station
    /// never sent, or a second answer to the same CALL.
    case unmatchedAnswer
}
