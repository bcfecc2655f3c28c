public import OCPP

/// The embedded central system, sans I/O: stations connect, deliver frames and disconnect; the core
/// answers as an OCPP 1.6 CSMS would and says what to send, when, in ``CSMSEffect``s.
///
/// The same core runs behind ``CSMSServer`` (one per event loop, `now` from the wall clock) and inside
/// the fleet simulator (`now` from the virtual clock), identically: it reads no clock, draws
/// its faults from seeded per-station streams, and allocates little more than each answer's bytes.
///
/// ```swift
/// var csms = CentralSystem(configuration: CSMSConfiguration(heartbeatInterval: 60))
/// var effects: [CSMSEffect] = []
/// let station = csms.connect(stationID: "GU0001", now: now, into: &effects)
/// csms.receive(frameBytes, from: station, now: now, into: &effects)
/// // effects: [.send(station, frame: [3,"1",{"status":"Accepted",...}], at: now)]
/// ```
public struct CentralSystem: Sendable {
    /// The configuration it runs with.
    public let configuration: CSMSConfiguration

    private struct Slot {
        var generation: UInt32 = 0
        var session: StationSession?
    }

    private var slots: [Slot] = []
    private var freeSlots: [UInt32] = []
    private var slotsByID: [String: UInt32] = [:]
    /// Commands in flight, in the order they were sent. With one timeout for all, that is also the order
    /// of their deadlines: the head is the next to expire. Entries of commands answered or lost since are
    /// dropped when they reach the head.
    private var deadlines: [CommandDeadline] = []
    private var deadlinesHead = 0
    private var transactions: TransactionLedger
    /// What it counted so far; ``counterSnapshot`` names the figures.
    public private(set) var counters = CSMSCounters()
    private var nextCommandNumber = 1
    private let faultsEnabled: Bool
    /// Where answers wait their turn when ``CSMSConfiguration/serviceRate`` is set.
    private let serviceQueue: ServiceQueue?

    /// - Parameters:
    ///   - configuration: how to answer.
    ///   - shard: this core's index when several run side by side (one per event loop).
    ///   - shardCount: how many run side by side; their transaction ids (of the configuration's
    ///     ``CSMSConfiguration/transactionIDs``) never collide.
    ///   - serviceQueue: the queue the cores running side by side share when
    ///     ``CSMSConfiguration/serviceRate`` is set; nil makes one of the configuration's rate for this core.
    public init(
        configuration: CSMSConfiguration, shard: Int = 0, shardCount: Int = 1, serviceQueue: ServiceQueue? = nil
    ) {
        precondition(shard >= 0 && shard < shardCount, "shard \(shard) of \(shardCount)")
        self.configuration = configuration
        self.serviceQueue = serviceQueue ?? configuration.serviceRate.map { ServiceQueue(callsPerSecond: $0) }
        transactions = TransactionLedger(ids: configuration.transactionIDs, shard: shard, shardCount: shardCount)
        faultsEnabled = configuration.faults.internalErrorShare > 0 || configuration.faults.noAnswerShare > 0
    }

    // MARK: Links

    /// A station opened its link. A link still open under the same id is closed: the newer one wins,
    /// as a station that reconnects before its old link timed out expects.
    /// - Returns: the handle to pass with the station's frames.
    public mutating func connect(stationID: String, now: Int64, into effects: inout [CSMSEffect]) -> StationHandle {
        if let previous = slotsByID[stationID] {
            let handle = StationHandle(index: previous, generation: slots[Int(previous)].generation)
            counters.replaced += 1
            effects.append(.close(handle))
            disconnect(handle, now: now, into: &effects)
        }
        let index: UInt32
        if let free = freeSlots.popLast() {
            index = free
        } else {
            index = UInt32(slots.count)
            slots.append(Slot())
        }
        slots[Int(index)].generation &+= 1
        slots[Int(index)].session = StationSession(id: stationID, seed: configuration.seed)
        slotsByID[stationID] = index
        counters.stationConnected()
        return StationHandle(index: index, generation: slots[Int(index)].generation)
    }

    /// The station's link closed. Its commands in flight or waiting end as ``CommandOutcome/lost``;
    /// its open transactions stay open, to be stopped when it comes back.
    public mutating func disconnect(_ station: StationHandle, now: Int64, into effects: inout [CSMSEffect]) {
        guard let session = session(station) else { return }
        if let pending = session.pending {
            complete(station, session.id, pending.messageId, pending.action, .lost, sentAt: pending.sentAt, now: now,
                     into: &effects)
        }
        for command in session.queued {
            complete(station, session.id, command.messageId, command.action, .lost, sentAt: now, now: now,
                     into: &effects)
        }
        slots[Int(station.index)].session = nil
        slotsByID.removeValue(forKey: session.id)
        freeSlots.append(station.index)
        counters.connected -= 1
        dropEndedDeadlines()
    }

    /// Every station's link closed at once: the CSMS stops or restarts. Transactions stay open, as in a
    /// central system that keeps them in a database.
    public mutating func disconnectAll(now: Int64, into effects: inout [CSMSEffect]) {
        for index in slots.indices {
            guard slots[index].session != nil else { continue }
            disconnect(StationHandle(index: UInt32(index), generation: slots[index].generation), now: now, into: &effects)
        }
    }

    /// The handle of the station connected under `stationID`, if any.
    public func station(_ stationID: String) -> StationHandle? {
        slotsByID[stationID].map { StationHandle(index: $0, generation: slots[Int($0)].generation) }
    }

    /// The id of a connected station.
    public func stationID(of station: StationHandle) -> String? {
        session(station)?.id
    }

    /// The ids of the stations connected now, in no particular order.
    public var connectedStationIDs: some Collection<String> { slotsByID.keys }

    // MARK: Frames from stations

    /// A station sent a text frame: a CALL is answered (at `now` plus ``CSMSConfiguration/answerDelay``,
    /// after the calls queued before it when ``CSMSConfiguration/serviceRate`` is set) unless a fault says
    /// otherwise; a CALLRESULT or CALLERROR completes the command it answers.
    public mutating func receive(
        _ bytes: [UInt8], from station: StationHandle, now: Int64, into effects: inout [CSMSEffect]
    ) {
        var frame: [UInt8] = []
        frame.reserveCapacity(160)
        let due = bytes.withUnsafeBytes { text in
            receive(text, from: station, now: now, answeringInto: &frame, effects: &effects)
        }
        if let due { effects.append(.send(station, frame: frame, at: due)) }
    }

    /// A station sent a text frame, read where it lies (a socket's read buffer): as the `receive` of a
    /// frame's bytes, but the CALLRESULT answering a CALL is appended to
    /// `answer` rather than given as a ``CSMSEffect/send(_:frame:at:)``, so that a server answering
    /// thousands of CALLs a second copies no frame and makes no array for each. What the core does besides
    /// (CALLERRORs, commands, transactions of another core) goes into `effects`, as it happened before the
    /// answer.
    /// - Returns: when the answer appended to `answer` is due, or `nil` when none was.
    public mutating func receive(
        _ text: UnsafeRawBufferPointer, from station: StationHandle, now: Int64, answeringInto answer: inout [UInt8],
        effects: inout [CSMSEffect]
    ) -> Int64? {
        guard isConnected(station) else { return nil }
        let frame: OCPPFrame.Borrowed
        do {
            frame = try OCPPFrame.Borrowed(parsing: text)
        } catch {
            refuse(text, error, from: station, now: now, into: &effects)
            return nil
        }
        guard case .call(let action) = frame.kind else {
            // An answer to one of our commands: rare, and kept as a frame of its own.
            completeCommand(station, answeredBy: frame.frame, now: now, into: &effects)
            return nil
        }
        counters.received[action, default: 0] += 1
        let due = answerTime(now)
        let request: StationRequest
        do {
            request = try StationRequest(frame)
        } catch {
            sendCallError(frame.messageId, error.code, error.description, to: station, at: due, into: &effects)
            return nil
        }
        guard let response = respond(to: request, messageId: frame.messageId, from: station, now: now, due: due,
                                     into: &effects)
        else { return nil }
        response.encodeCallResult(answering: frame, into: &answer)
        return due
    }

    /// Completes the pending command that a CALLRESULT or CALLERROR answers.
    private mutating func completeCommand(
        _ station: StationHandle, answeredBy frame: OCPPFrame, now: Int64, into effects: inout [CSMSEffect]
    ) {
        switch frame {
        case .call:
            break
        case .callResult(let result):
            guard let action = pendingAction(station, result.messageId) else { return }
            let outcome: CommandOutcome
            do {
                outcome = .answered(status: try CommandAnswer.status(of: action, payload: result.payload),
                                    payload: result.payload)
            } catch {
                outcome = .invalidAnswer(error)
            }
            completePending(station, outcome, now: now, into: &effects)
        case .callError(let error):
            guard pendingAction(station, error.messageId) != nil else { return }
            completePending(station, .callError(error.code, description: error.description), now: now,
                            into: &effects)
        }
    }

    /// A station in the same process sent a CALL, as its typed request: the core answers exactly as it
    /// answers the CALL's JSON in ``receive(_:from:now:into:)``, and gives its CALLRESULT as a typed value
    /// rather than as a ``CSMSEffect/send(_:frame:at:)``.
    /// - Returns: the answer and when to deliver it, or `nil` when the core does not answer with a
    ///   CALLRESULT (a fault injected, a stale handle); a CALLERROR is then in `effects`.
    public mutating func answer(
        _ request: StationRequest, messageId: String, from station: StationHandle, now: Int64,
        into effects: inout [CSMSEffect]
    ) -> (response: StationResponse, at: Int64)? {
        guard isConnected(station) else { return nil }
        counters.received[request.action, default: 0] += 1
        let due = now + configuration.answerDelay
        guard let response = respond(to: request, messageId: messageId, from: station, now: now, due: due,
                                     into: &effects)
        else { return nil }
        return (response, due)
    }

    /// The answer to a decoded request, unless a fault replaces it (a CALLERROR in `effects`, or silence).
    private mutating func respond(
        to request: StationRequest, messageId: @autoclosure () -> String, from station: StationHandle, now: Int64,
        due: Int64, into effects: inout [CSMSEffect]
    ) -> StationResponse? {
        if faultsEnabled {
            let draw = slots[Int(station.index)].session!.dice.next()
            let faults = configuration.faults
            if draw < faults.internalErrorShare {
                counters.internalErrorFaults += 1
                sendCallError(messageId(), .internalError, "fault injected by the embedded CSMS", to: station,
                              at: due, into: &effects)
                return nil
            }
            if draw < faults.internalErrorShare + faults.noAnswerShare {
                counters.noAnswerFaults += 1
                return nil
            }
        }
        let response = makeAnswer(to: request, now: now, effects: &effects)
        counters.answered[request.action, default: 0] += 1
        return response
    }

    private mutating func makeAnswer(
        to request: StationRequest, now: Int64, effects: inout [CSMSEffect]
    ) -> StationResponse {
        let badges = configuration.badges
        switch request {
        case .bootNotification:
            return .bootNotification(BootNotificationResponse(
                status: .accepted, currentTime: OCPPDateTime(millisecondsSinceEpoch: now),
                interval: configuration.heartbeatInterval))
        case .heartbeat:
            return .heartbeat(HeartbeatResponse(currentTime: OCPPDateTime(millisecondsSinceEpoch: now)))
        case .authorize(let authorize):
            let info = badges.idTagInfo(for: authorize.idTag, now: now)
            counters.idTagAnswers[info.status, default: 0] += 1
            return .authorize(AuthorizeResponse(idTagInfo: info))
        case .startTransaction(let start):
            // Every start gets an id, even with a refused badge: the station then stops it itself.
            let id = transactions.start()
            counters.transactionsStarted += 1
            counters.transactionsOpen = UInt64(transactions.open.count)
            let info = badges.idTagInfo(for: start.idTag, now: now)
            counters.idTagAnswers[info.status, default: 0] += 1
            return .startTransaction(StartTransactionResponse(idTagInfo: info, transactionId: id))
        case .stopTransaction(let stop):
            if transactions.owns(stop.transactionId) {
                stopTransaction(stop.transactionId)
            } else {
                effects.append(.stopForAnotherCore(transactionId: stop.transactionId))
            }
            return .stopTransaction(
                StopTransactionResponse(idTagInfo: stop.idTag.map { badges.idTagInfo(for: $0, now: now) }))
        case .dataTransfer:
            // This CSMS knows no vendor extension.
            return .dataTransfer(DataTransferResponse(status: .unknownVendorId))
        case .meterValues:
            return .meterValues(MeterValuesResponse())
        case .statusNotification:
            return .statusNotification(StatusNotificationResponse())
        case .diagnosticsStatusNotification:
            return .diagnosticsStatusNotification(DiagnosticsStatusNotificationResponse())
        case .firmwareStatusNotification:
            return .firmwareStatusNotification(FirmwareStatusNotificationResponse())
        }
    }

    /// Answers a frame that could not be parsed, when it was a CALL: with its message id when it could be
    /// read, else with `-1`, the id OCPP 2.0.1 prescribes for that case (OCPP-J 1.6 is silent).
    private mutating func refuse(
        _ bytes: UnsafeRawBufferPointer, _ error: OCPPError, from station: StationHandle, now: Int64,
        into effects: inout [CSMSEffect]
    ) {
        let type = Self.messageTypeId(bytes)
        if let messageId = error.messageId {
            if type == 2 {
                sendCallError(messageId, error.code, error.description, to: station, at: answerTime(now),
                              into: &effects)
            } else if pendingAction(station, messageId) != nil {
                completePending(station, .invalidAnswer(error), now: now, into: &effects)
            }
            return
        }
        counters.unreadableFrames += 1
        // A broken answer is never answered (OCPP-J 1.6 §4.2.3: CALLERRORs answer CALLs only).
        guard type != 3 && type != 4 else { return }
        sendCallError("-1", error.code, error.description, to: station, at: answerTime(now), into: &effects)
    }

    /// When the answer to a call received at `now` leaves: once the server has served it, then the delay.
    private func answerTime(_ now: Int64) -> Int64 {
        (serviceQueue?.admit(at: now) ?? now) + configuration.answerDelay
    }

    /// The MessageTypeId digit the frame starts with (`[2,`…), if it starts like a frame.
    private static func messageTypeId(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var position = 0
        func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[position]) { position += 1 }
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return nil }
        position += 1
        skipWhitespace()
        guard position < bytes.count, (UInt8(ascii: "2")...UInt8(ascii: "4")).contains(bytes[position]) else {
            return nil
        }
        return Int(bytes[position] - UInt8(ascii: "0"))
    }

    private mutating func sendCallError(
        _ messageId: String, _ code: CallErrorCode, _ description: String, to station: StationHandle, at due: Int64,
        into effects: inout [CSMSEffect]
    ) {
        var frame: [UInt8] = []
        frame.reserveCapacity(96 + description.utf8.count)
        OCPPFrame.encodeCallError(messageId: messageId, code: code, description: description, into: &frame)
        counters.callErrors[code, default: 0] += 1
        effects.append(.send(station, frame: frame, at: due))
    }

    // MARK: Commands to stations

    /// Sends a command to a station, at once or, when another of its commands awaits an answer, after it.
    /// The command ends in a ``CSMSEffect/commandCompleted(_:)``.
    /// - Returns: the CALL's message id, or nil when no station is connected under `stationID`.
    @discardableResult
    public mutating func send(
        _ command: CentralSystemRequest, to stationID: String, now: Int64, into effects: inout [CSMSEffect]
    ) -> String? {
        guard let station = station(stationID) else {
            counters.commandEnded(command.action, .lost)
            return nil
        }
        return send(command, to: station, now: now, into: &effects)
    }

    /// Sends a command to a connected station (see ``send(_:to:now:into:)-(_,String,_,_)``).
    /// - Returns: the CALL's message id, or nil when the handle is stale.
    @discardableResult
    public mutating func send(
        _ command: CentralSystemRequest, to station: StationHandle, now: Int64, into effects: inout [CSMSEffect]
    ) -> String? {
        guard session(station) != nil else {
            counters.commandEnded(command.action, .lost)
            return nil
        }
        let messageId = "csms-\(nextCommandNumber)"
        nextCommandNumber += 1
        var frame: [UInt8] = []
        command.encodeCall(messageId: messageId, into: &frame)
        let queued = StationSession.QueuedCommand(messageId: messageId, action: command.action, frame: frame)
        slots[Int(station.index)].session!.queued.append(queued)
        sendNextCommand(station, now: now, into: &effects)
        return messageId
    }

    /// When the oldest command in flight times out, for the driver to call ``expireCommands(now:into:)``
    /// then; it may be a little early when that command was answered meanwhile.
    public var nextDeadline: Int64? {
        deadlinesHead < deadlines.count ? deadlines[deadlinesHead].at : nil
    }

    /// Ends, as ``CommandOutcome/timedOut``, every command unanswered for ``CSMSConfiguration/commandTimeout``
    /// at `now`, and sends the commands that waited behind them.
    public mutating func expireCommands(now: Int64, into effects: inout [CSMSEffect]) {
        while deadlinesHead < deadlines.count, deadlines[deadlinesHead].at <= now {
            let expired = deadlines[deadlinesHead]
            deadlinesHead += 1
            if session(expired.station)?.pending?.messageId == expired.messageId {
                completePending(expired.station, .timedOut, now: now, into: &effects)
            }
        }
        dropEndedDeadlines()
    }

    /// Advances the head past commands that ended, and lets the array go when all have.
    private mutating func dropEndedDeadlines() {
        while deadlinesHead < deadlines.count,
            session(deadlines[deadlinesHead].station)?.pending?.messageId != deadlines[deadlinesHead].messageId
        {
            deadlinesHead += 1
        }
        if deadlinesHead == deadlines.count {
            deadlines.removeAll(keepingCapacity: deadlines.count <= 64)
            deadlinesHead = 0
        } else if deadlinesHead > 1024, deadlinesHead * 2 > deadlines.count {
            deadlines.removeFirst(deadlinesHead)
            deadlinesHead = 0
        }
    }

    private mutating func sendNextCommand(_ station: StationHandle, now: Int64, into effects: inout [CSMSEffect]) {
        let index = Int(station.index)
        guard slots[index].session!.pending == nil, !slots[index].session!.queued.isEmpty else { return }
        let command = slots[index].session!.queued.removeFirst()
        slots[index].session!.pending = StationSession.PendingCommand(
            messageId: command.messageId, action: command.action, sentAt: now)
        deadlines.append(CommandDeadline(
            station: station, messageId: command.messageId, at: now + configuration.commandTimeout))
        counters.commandsSent[command.action, default: 0] += 1
        effects.append(.send(station, frame: command.frame, at: now))
    }

    /// The action of the station's pending command when `messageId` is its id; counts a mismatch.
    private mutating func pendingAction(_ station: StationHandle, _ messageId: String) -> Action? {
        guard let pending = session(station)?.pending, pending.messageId == messageId else {
            counters.unmatchedAnswers += 1
            return nil
        }
        return pending.action
    }

    private mutating func completePending(
        _ station: StationHandle, _ outcome: CommandOutcome, now: Int64, into effects: inout [CSMSEffect]
    ) {
        let index = Int(station.index)
        guard let session = slots[index].session, let pending = session.pending else { return }
        slots[index].session!.pending = nil
        complete(station, session.id, pending.messageId, pending.action, outcome, sentAt: pending.sentAt, now: now,
                 into: &effects)
        sendNextCommand(station, now: now, into: &effects)
        dropEndedDeadlines()
    }

    private mutating func complete(
        _ station: StationHandle, _ stationID: String, _ messageId: String, _ action: Action,
        _ outcome: CommandOutcome, sentAt: Int64, now: Int64, into effects: inout [CSMSEffect]
    ) {
        counters.commandEnded(action, outcome)
        effects.append(.commandCompleted(CommandCompletion(
            station: station, stationID: stationID, messageId: messageId, action: action, outcome: outcome,
            sentAt: sentAt, endedAt: now)))
    }

    /// Closes a transaction this core handed out, which a station stopped through another core (one
    /// beside it, of another event loop, after a reconnection): counted here, where it was started.
    public mutating func stopFromAnotherCore(transactionId: Int) {
        stopTransaction(transactionId)
    }

    private mutating func stopTransaction(_ id: Int) {
        if transactions.stop(id: id) {
            counters.transactionsStopped += 1
            counters.transactionsOpen = UInt64(transactions.open.count)
        } else {
            counters.transactionsStoppedUnknown += 1
        }
    }

    // MARK: Figures

    /// Every counter, by name, for the report beside the fleet's figures (Metrics takes this dictionary
    /// as it is; the numbers are whole):
    /// - `received.<Action>`: CALLs received whose action could be read;
    /// - `answered.<Action>`: CALLRESULTs sent;
    /// - `call_errors.<Code>`: CALLERRORs sent, by OCPP-J error code, injected faults included;
    /// - `id_tags.<Status>`: badges answered in Authorize and StartTransaction, by status (`Accepted`,
    ///   `Blocked`, `Expired`, `Invalid`, `ConcurrentTx`);
    /// - `faults.internal_error`, `faults.no_answer`: calls failed on purpose (``FaultPlan``);
    /// - `commands.<Action>.sent`, `commands.<Action>.<Outcome>`: commands and how they ended
    ///   (``CommandOutcome/name``: `Accepted`, `Rejected`…, `CallError`, `TimedOut`, `Lost`);
    /// - `stations.connected` (now), `.max_connected`, `.connections` (links opened), `.replaced`
    ///   (links closed because a newer one took their station id);
    /// - `transactions.open` (now), `.started`, `.stopped`, `.stopped_unknown`;
    /// - `frames.unreadable` (no message id could be read), `frames.unmatched` (answers to no
    ///   pending command).
    public var counterSnapshot: [String: Double] {
        counters.snapshot
    }

    /// The number of transactions started and not yet stopped.
    public var openTransactionCount: Int { transactions.open.count }

    private struct CommandDeadline {
        let station: StationHandle
        let messageId: String
        let at: Int64
    }

    /// Whether the handle is the station's current link, without copying its session out.
    private func isConnected(_ station: StationHandle) -> Bool {
        let index = Int(station.index)
        return index < slots.count && slots[index].generation == station.generation && slots[index].session != nil
    }

    private func session(_ station: StationHandle) -> StationSession? {
        let index = Int(station.index)
        guard index < slots.count, slots[index].generation == station.generation else { return nil }
        return slots[index].session
    }
}
