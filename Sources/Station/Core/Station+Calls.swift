import OCPP

// The CALLs the station sends: one in flight at a time, a queue behind it, retries for transaction
// messages, and the frames that come back.
extension Station {
    mutating func enqueue(_ message: PendingCall.Message) {
        queue.append(PendingCall(message: message))
    }

    /// Queues a StartTransaction, MeterValues or StopTransaction, online or not, within
    /// ``offlineQueueCapacity``: when the queue is full, a StartTransaction or StopTransaction takes the
    /// place of the oldest queued MeterValues (the meter values are what a CSMS can best do without: the
    /// StopTransaction's meterStop still gives the energy), and a message that finds no place is lost.
    mutating func enqueueTransactionMessage(_ message: PendingCall.Message, now: Int64, effects: inout [StationEffect]) {
        var call = PendingCall(message: message)
        call.queuedAt = now
        if queue.count >= Self.offlineQueueCapacity {
            let evictable =
                call.action == .meterValues ? nil : queue.firstIndex { $0.action == .meterValues && $0.isTransactional }
            guard let evictable else {
                drop(call, .queueFull, effects: &effects)
                return
            }
            drop(queue.remove(at: evictable), .queueFull, effects: &effects)
        }
        queue.append(call)
    }

    /// Queues a StatusNotification of the connector's status now, which the CSMS is then taken to know.
    mutating func enqueueStatus(_ connectorId: Int, now: Int64) {
        let status = connectors[connectorId].status
        let fault = status == .faulted ? connectors[connectorId].fault ?? .otherError : nil
        connectors[connectorId].reportedStatus = status
        connectors[connectorId].reportedFault = fault
        connectors[connectorId].reportedAt = now
        let message = PendingCall.Message.status(connectorId: connectorId, status, fault: fault)
        // A status that changes again before its notification could leave, with nothing queued after it,
        // replaces it: the CSMS needs the latest, not every flicker.
        if let last = queue.indices.last, case .status(connectorId, _, _) = queue[last].message {
            queue[last].message = message
        } else {
            enqueue(message)
        }
    }

    /// Drops the queued CALLs that do not outlive the link; a connector whose StatusNotification is
    /// dropped unsent is reported again on the next connection. A message waiting to be retried waits no
    /// more: it goes as soon as the link is back, as every message queued offline does.
    mutating func dropVolatileCalls() {
        for call in queue {
            if case .status(let connectorId, _, _) = call.message { connectors[connectorId].reportedStatus = nil }
        }
        queue.removeAll { !$0.survivesDisconnection }
        if !queue.isEmpty { queue[0].waitsForRetry = false }
    }

    /// Sends the head of the queue when the link is up, the station registered and no CALL in flight.
    mutating func sendNext(now: Int64, effects: inout [StationEffect]) {
        // The head's flag read in place: a copy of the whole call would retain all its request holds.
        guard isOnline, inFlight == nil, !queue.isEmpty, !queue[0].waitsForRetry else { return }
        // Moved out of the queue, not copied out (every array and string of its request retained) and
        // then destroyed in place.
        var call: PendingCall
        if queue.count == 1 {
            call = queue.removeLast()
        } else {
            call = PendingCall(message: .heartbeat)
            swap(&call, &queue[0])
            queue.removeFirst()
        }
        send(call, now: now, effects: &effects)
    }

    /// Sends `call`, which the station may send now (online, no CALL in flight).
    mutating func send(_ call: consuming PendingCall, now: Int64, effects: inout [StationEffect]) {
        let messageId = call.messageId ?? random.messageID(compact: options.compactMessageIds)
        call.messageId = messageId
        // A retry goes out under the id of the attempt that timed out: an answer to it is no longer late.
        if !timedOutCalls.isEmpty { timedOutCalls.removeAll { $0.messageId == messageId } }
        let request: StationRequest
        switch call.message {
        case .heartbeat:
            request = .heartbeat(HeartbeatRequest())
        case .status(let connectorId, let status, let fault):
            request = .statusNotification(StatusNotificationRequest(
                connectorId: connectorId, errorCode: fault ?? .noError, info: fault == nil ? "No failure" : "Failure",
                status: status, vendorId: model.vendor))
        case .authorize(_, let authorize, _):
            request = .authorize(authorize)
        case .startTransaction(_, let start):
            request = .startTransaction(start)
        case .meterValues(_, let values):
            request = .meterValues(values)
        case .stopTransaction(_, let stop, _):
            request = .stopTransaction(stop)
        case .diagnosticsStatus(let status):
            request = .diagnosticsStatusNotification(DiagnosticsStatusNotificationRequest(status: status))
        case .firmwareStatus(let status):
            request = .firmwareStatusNotification(FirmwareStatusNotificationRequest(status: status))
        }
        let action = call.action
        let duplicate = call.unanswered
        call.unanswered = false
        inFlight = InFlightCall(
            messageId: messageId, action: action, purpose: call.isForgottenOnceSent ? .forgotten : .queued(call))
        effects.append(.send(OutgoingMessage(call: request, messageId: messageId)))
        if duplicate { effects.append(.count(.duplicateSent(action))) }
        armCallTimeout(action, now: now, effects: &effects)
    }

    /// Sends a CALL outside the queue (BootNotification).
    mutating func sendCall(
        _ request: StationRequest, purpose: InFlightCall.Purpose, now: Int64, effects: inout [StationEffect]
    ) {
        let messageId = random.messageID(compact: options.compactMessageIds)
        inFlight = InFlightCall(messageId: messageId, action: request.action, purpose: purpose)
        effects.append(.send(OutgoingMessage(call: request, messageId: messageId)))
        armCallTimeout(request.action, now: now, effects: &effects)
    }

    private mutating func armCallTimeout(_ action: Action, now: Int64, effects: inout [StationEffect]) {
        let timeout = action == .authorize ? seconds(.confAuthorizeTime) : seconds(.confBasicTime)
        effects.append(.armTimer(.callTimeout, at: now.saturatingAdd(timeout)))
    }

    // MARK: - Frames from the CSMS

    /// A frame from the CSMS, read where it lies: only what the station keeps is copied out of `text`.
    mutating func received(_ text: UnsafeRawBufferPointer, now: Int64, effects: inout [StationEffect]) {
        let frame: OCPPFrame.Borrowed
        do {
            frame = try OCPPFrame.Borrowed(parsing: text)
        } catch {
            let meantAsCall = Self.looksLikeCall(text)
            // A Rejected station ignores the CSMS's CALLs, broken ones too: nothing to answer, nothing to count.
            if meantAsCall, bootRejected { return }
            refuse(error, answering: meantAsCall, effects: &effects)
            return
        }
        switch frame.kind {
        case .call:
            if bootRejected { return }
            let request: CentralSystemRequest
            do {
                request = try CentralSystemRequest(frame)
            } catch {
                refuse(error, answering: true, effects: &effects)
                return
            }
            answer(request, messageId: frame.messageId, now: now, effects: &effects)
        case .callResult:
            received(.borrowed(frame), now: now, effects: &effects)
        case .callError(let code):
            let answer = CallAnswer.borrowed(frame)
            guard let call = inFlight, answer.answers(call.messageId) else {
                answeredLateOrUnmatched(answer.answers, effects: &effects)
                return
            }
            finishInFlight(effects: &effects)
            effects.append(.callCompleted(action: call.action, messageId: call.messageId, outcome: .callError(code)))
            failed(call, now: now, effects: &effects)
        }
    }

    /// A CALLRESULT, as JSON or typed.
    mutating func received(_ answer: CallAnswer, now: Int64, effects: inout [StationEffect]) {
        guard let call = inFlight, answer.answers(call.messageId) else {
            answeredLateOrUnmatched(answer.answers, effects: &effects)
            return
        }
        finishInFlight(effects: &effects)
        do {
            try answered(call, answer, now: now, effects: &effects)
            effects.append(.callCompleted(action: call.action, messageId: call.messageId, outcome: .answered))
        } catch {
            effects.append(.count(.badFrame(error.code)))
            effects.append(.callCompleted(action: call.action, messageId: call.messageId, outcome: .callError(error.code)))
            failed(call, now: now, effects: &effects)
        }
    }

    /// An answer to no CALL in flight: late when it answers a CALL that timed out (once; its CALL was
    /// already handled as unanswered, so it changes nothing), else the CSMS's fault.
    private mutating func answeredLateOrUnmatched(_ answers: (MessageID) -> Bool, effects: inout [StationEffect]) {
        guard let index = timedOutCalls.firstIndex(where: { answers($0.messageId) }) else {
            effects.append(.count(.unmatchedAnswer))
            return
        }
        let call = timedOutCalls.remove(at: index)
        effects.append(.lateAnswer(action: call.action, messageId: call.messageId))
    }

    /// Counts a frame OCPP-J refuses and answers it with a CALLERROR when it is a CALL whose id is known.
    private mutating func refuse(_ error: OCPPError, answering: Bool, effects: inout [StationEffect]) {
        effects.append(.count(.badFrame(error.code)))
        guard answering, let messageId = error.messageId else { return }
        var bytes: [UInt8] = []
        OCPPFrame.encodeCallError(messageId: messageId, code: error.code, description: error.description, into: &bytes)
        effects.append(.send(OutgoingMessage(bytes: bytes, action: nil, messageId: messageId, kind: .callError)))
    }

    /// Whether unparseable bytes were meant as a CALL (`[2,...`): only a CALL may be answered.
    private static func looksLikeCall(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var sawBracket = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            case UInt8(ascii: "[") where !sawBracket: sawBracket = true
            default: return sawBracket && byte == UInt8(ascii: "2")
            }
        }
        return false
    }

    private mutating func finishInFlight(effects: inout [StationEffect]) {
        inFlight = nil
        effects.append(.cancelTimer(.callTimeout))
    }

    /// Acts on the answer to the CALL in flight.
    private mutating func answered(
        _ call: InFlightCall, _ answer: CallAnswer, now: Int64, effects: inout [StationEffect]
    ) throws(OCPPError) {
        switch call.purpose {
        case .boot:
            bootAnswered(try answer.decode(responseTo: BootNotificationRequest.self), now: now, effects: &effects)
        case .forgotten:
            try Self.readAnswerChangingNothing(answer, to: call.action)
        case .queued(let pending):
            switch pending.message {
            case .heartbeat, .status, .meterValues:
                try Self.readAnswerChangingNothing(answer, to: call.action)
            case .authorize(let connectorId, let request, let forStop):
                let response = try answer.decode(responseTo: AuthorizeRequest.self)
                authorizeAnswered(connectorId, request.idTag, response.idTagInfo, forStop: forStop, now: now, effects: &effects)
            case .startTransaction(let local, let request):
                let response = try answer.decode(responseTo: StartTransactionRequest.self)
                startAnswered(local, request, response, now: now, effects: &effects)
            case .stopTransaction(_, let request, let energyWh):
                let response = try answer.decode(responseTo: StopTransactionRequest.self)
                if let info = response.idTagInfo, let idTag = request.idTag { rememberIfCaching(idTag, info) }
                effects.append(.count(.transactionStopped(energyWh: energyWh)))
            case .diagnosticsStatus:
                _ = try answer.decode(responseTo: DiagnosticsStatusNotificationRequest.self)
            case .firmwareStatus:
                _ = try answer.decode(responseTo: FirmwareStatusNotificationRequest.self)
            }
        }
    }

    /// Reads the answer to a Heartbeat, a StatusNotification or a MeterValues: it must be well formed, and
    /// changes nothing.
    private static func readAnswerChangingNothing(_ answer: CallAnswer, to action: Action) throws(OCPPError) {
        switch action {
        case .heartbeat: _ = try answer.decode(responseTo: HeartbeatRequest.self)
        case .statusNotification: _ = try answer.decode(responseTo: StatusNotificationRequest.self)
        default: _ = try answer.decode(responseTo: MeterValuesRequest.self)
        }
    }

    mutating func callTimedOut(now: Int64, effects: inout [StationEffect]) {
        guard var call = inFlight else { return }
        inFlight = nil
        if case .queued(var pending) = call.purpose {
            pending.unanswered = true
            call.purpose = .queued(pending)
        }
        if timedOutCalls.count == Self.lateAnswerMemory { timedOutCalls.removeFirst() }
        timedOutCalls.append((call.messageId, call.action))
        effects.append(.callCompleted(action: call.action, messageId: call.messageId, outcome: .timedOut))
        failed(call, now: now, effects: &effects)
    }

    /// Gives up waiting for the CALL in flight (the link dropped); a transaction message goes back to the
    /// head of the queue without counting an attempt, since the CSMS never refused it.
    mutating func abandonInFlight(outcome: CallOutcome, now: Int64, effects: inout [StationEffect]) {
        guard let call = inFlight else { return }
        inFlight = nil
        effects.append(.cancelTimer(.callTimeout))
        effects.append(.callCompleted(action: call.action, messageId: call.messageId, outcome: outcome))
        if case .queued(var pending) = call.purpose, pending.survivesDisconnection {
            pending.unanswered = true
            queue.insert(pending, at: 0)
        }
    }

    /// A CALL refused or unanswered: BootNotification waits for its retry, Authorize falls back on the
    /// offline rules, a transaction message is retried per TransactionMessageAttempts, others are dropped.
    private mutating func failed(_ call: InFlightCall, now: Int64, effects: inout [StationEffect]) {
        switch call.purpose {
        case .boot:
            bootFailed(now: now, effects: &effects)
        case .forgotten:
            break
        case .queued(var pending):
            if case .authorize(let connectorId, _, let forStop) = pending.message {
                if !forStop { authorizeOffline(connectorId, now: now, effects: &effects) }
                return
            }
            guard pending.isTransactional else { return }
            pending.attempts += 1
            if pending.attempts < configuration.integer(.transactionMessageAttempts, in: model) {
                // OCPP 1.6: the retry interval multiplied by the number of preceding transmissions.
                pending.waitsForRetry = true
                queue.insert(pending, at: 0)
                let wait = seconds(.transactionMessageRetryInterval).saturatingMultiply(Int64(pending.attempts))
                effects.append(.armTimer(.transactionRetry, at: now.saturatingAdd(wait)))
            } else {
                drop(pending, .attempts, effects: &effects)
            }
        }
    }

    /// The head of the queue has waited its retry interval.
    mutating func retryDue() {
        if !queue.isEmpty { queue[0].waitsForRetry = false }
    }

    /// Gives a transaction message up, and says so: a lost StartTransaction takes its transaction's later
    /// messages with it (the CSMS could not place them) and the transaction is lost, as it is with a lost
    /// StopTransaction.
    mutating func drop(_ pending: PendingCall, _ reason: LostMessage.Reason, effects: inout [StationEffect]) {
        effects.append(.count(.messageLost(pending.lost(reason))))
        switch pending.message {
        case .startTransaction(let local, _):
            effects.append(.count(.transactionLost))
            for connectorId in connectors.indices where connectors[connectorId].transaction?.local == local {
                connectors[connectorId].transaction?.lost = true
            }
            for orphan in queue where orphan.local == local {
                effects.append(.count(.messageLost(orphan.lost(.startLost))))
            }
            queue.removeAll { $0.local == local }
        case .stopTransaction:
            effects.append(.count(.transactionLost))
        default:
            break
        }
    }
}
