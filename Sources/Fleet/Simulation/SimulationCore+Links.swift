import CSMS
import Metrics
import OCPP
import Station

extension SimulationCore {
    func isLinked(_ slot: Int) -> Bool {
        links[slot].isLinked
    }

    /// A CALL of the station goes typed: its JSON is written only for the trace.
    func send(_ message: consuming OutgoingMessage, bytes: [UInt8]?, slot: Int, now: HostInstant) {
        let frame =
            if typedFrames && message.isTyped {
                frames.put(.call(message))
            } else {
                frames.put(.json(bytes ?? message.bytes))
            }
        scheduler.schedule(
            .frameToCSMS(station: Int32(slot), frame: frame, epoch: links[slot].epoch),
            at: sent(by: slot, at: now.stationTime) + Simulation.linkLatency)
    }

    /// When a frame sent on the station's link at `time` leaves: at once, or, in a partition, when it
    /// heals (TCP retransmits what waits).
    private func sent(by local: Int, at time: Int64) -> Int64 {
        links[local].isPartitioned(at: time) ? links[local].partitionedUntil : time
    }

    /// Virtual time has one clock: a wait on the wall clock is a wait in virtual time.
    func arm(_ timer: HostTimer, slot: Int, at: Int64, wallFrom now: HostInstant?) {
        let index = slot * HostTimer.count + Int(timer.code)
        timerGenerations[index] &+= 1
        scheduler.schedule(.timer(station: Int32(slot), generation: timerGenerations[index], timer: timer), at: at)
    }

    func cancel(_ timer: HostTimer, slot: Int) {
        timerGenerations[slot * HostTimer.count + Int(timer.code)] &+= 1
    }

    func connect(_ slot: Int, now: HostInstant) {
        scheduler.schedule(.connectAttempt(station: Int32(slot)), at: now.stationTime + Self.connectLatency)
    }

    func close(_ slot: Int, now: HostInstant) {
        closeLink(station: slot, now: now.stationTime)
    }

    func drop(_ slot: Int, how: LinkCut, now: HostInstant) {
        dropLink(station: slot, now: now.stationTime, reason: LinkClosure.dropped(how).reason)
    }

    /// A partition cuts the station off from the CSMS until it heals: what either sends waits, a connect
    /// waits, and with pings the link is found dead when one goes unanswered, as over sockets. Slow links
    /// and stalls need a network's bytes: only `run` applies them.
    func beginLinkFault(_ fault: LinkFault, slot: Int, now: HostInstant) {
        guard fault.kind == .partition else { return }
        let time = now.stationTime
        links[slot].partitionedUntil = max(links[slot].partitionedUntil, time + max(0, fault.durationMilliseconds))
        guard let pingInterval, pingInterval > 0, links[slot].isLinked else { return }
        // Pings go every interval from the link's opening; the first one sent in the partition is
        // unanswered at the next.
        let sinceOpening = max(0, time - links[slot].openedAt)
        let firstPing = links[slot].openedAt + (sinceOpening + pingInterval - 1) / pingInterval * pingInterval
        scheduler.schedule(
            .pingTimeout(station: Int32(slot), epoch: links[slot].epoch), at: max(firstPing, time) + pingInterval)
    }

    /// A partition's end is a time, which every frame and connect compares with.
    func endLinkFaults(_ slot: Int, now: HostInstant) {}

    /// The link's ping is unanswered: if still partitioned, the station gives up the link, as over sockets
    /// (where the CSMS learns of it only once the partition heals; its core here learns at once).
    func pingTimedOut(station local: Int, epoch: UInt32, now: Int64) {
        guard links[local].epoch == epoch, links[local].isLinked else { return }
        guard links[local].isPartitioned(at: now) else {
            // Healed in time: the next ping is answered, unless the partition came back meanwhile.
            return
        }
        dropLink(station: local, now: now, reason: "ping_timeout")
        recorder.recordLinkLost(station: local, atMicros: elapsedMicros(atNanos: nanos(now)))
    }

    func command(_ request: CentralSystemRequest, slot: Int, now: HostInstant) {
        sendCommand(request, station: slot, now: now.stationTime)
    }

    /// Hands a frame from the CSMS to a station, in whichever form it travelled.
    func deliverToStation(_ frame: consuming SimulatedFrame, station local: Int, now: Int64) {
        switch consume frame {
        case .json(let bytes):
            bytes.withUnsafeBytes { host.frameReceived($0, slot: local, now: instant(now)) }
        case .answer(let response, let messageId):
            host.answerReceived(response, messageId: messageId, slot: local, now: instant(now))
        case .call:
            // Only a station sends its CALLs typed.
            break
        }
    }

    /// A station's WebSocket opens, unless the CSMS is down.
    func connectAttempt(station local: Int, now: Int64) {
        if links[local].isPartitioned(at: now) {
            // Its SYN is retransmitted until the partition heals.
            scheduler.schedule(.connectAttempt(station: Int32(local)), at: links[local].partitionedUntil)
            return
        }
        let isReconnect = links[local].everConnected
        recorder.recordConnectAttempt(isReconnect: isReconnect)
        guard !csmsIsDown, !links[local].isLinked else {
            recorder.recordConnectFailed(reason: "refused")
            host.linkLost(local, now: instant(now))
            return
        }
        var effects = csmsBuffers.popLast() ?? []
        let handle = links[local].csms.connect(stationID: links[local].id, now: now, into: &effects)
        links[local].handle = handle
        links[local].epoch &+= 1
        links[local].everConnected = true
        links[local].openedAt = now
        recorder.recordConnected(isReconnect: isReconnect)
        apply(&effects, station: local, now: now)
        host.linkOpened(local, now: instant(now))
    }

    /// The station closes its link (reboot, power cut), or `reason` says who else did, in the words of
    /// the report's `closed_by_reason`.
    func closeLink(station local: Int, now: Int64, reason: String = "station_reboot") {
        guard let handle = links[local].handle else { return }
        links[local].handle = nil
        links[local].epoch &+= 1
        recorder.recordDisconnected(reason: reason)
        var effects = csmsBuffers.popLast() ?? []
        links[local].csms.disconnect(handle, now: now, into: &effects)
        apply(&effects, station: local, now: now)
    }

    /// The link breaks under the station (dropped, or the CSMS went down).
    func dropLink(station local: Int, now: Int64, reason: String) {
        guard links[local].isLinked else { return }
        closeLink(station: local, now: now, reason: reason)
        host.linkLost(local, now: instant(now))
    }

    func deliverToCSMS(_ frame: consuming SimulatedFrame, station local: Int, now: Int64) {
        guard let handle = links[local].handle else { return }
        var effects = csmsBuffers.popLast() ?? []
        switch consume frame {
        case .json(let bytes):
            links[local].csms.receive(bytes, from: handle, now: now, into: &effects)
            apply(&effects, station: local, now: now)
        case .call(let message):
            // The request is lent in place (every `.call` frame is typed), and the answer goes out from
            // within: handed out of the closure, the answer would be copied and destroyed once more.
            let messageId = message.messageId
            message.lendRequest { request in
                let answer = links[local].csms.answer(
                    request, messageId: messageId, from: handle, now: now, into: &effects)
                // What the core did besides answering comes first, as the effects of a CALL's JSON do.
                apply(&effects, station: local, now: now)
                guard let answer else { return }
                let slot = frames.put(.answer(answer.response, messageId: messageId))
                scheduler.schedule(
                    .frameToStation(station: Int32(local), frame: slot, epoch: links[local].epoch),
                    at: sent(by: local, at: max(answer.at, now)) + Simulation.linkLatency)
            }
        case .answer:
            // Only the CSMS answers typed.
            apply(&effects, station: local, now: now)
        }
    }

    /// The CSMS sends a command to a station, if it is connected.
    func sendCommand(_ command: CentralSystemRequest, station local: Int, now: Int64) {
        guard let handle = links[local].handle else { return }
        var effects = csmsBuffers.popLast() ?? []
        // Counted as received when the station answers it, as over sockets.
        _ = links[local].csms.send(command, to: handle, now: now, into: &effects)
        apply(&effects, station: local, now: now)
        scheduleDeadline(station: local, now: now)
    }

    func expireCommands(station local: Int, now: Int64) {
        var effects = csmsBuffers.popLast() ?? []
        links[local].csms.expireCommands(now: now, into: &effects)
        apply(&effects, station: local, now: now)
        scheduleDeadline(station: local, now: now)
    }

    private func scheduleDeadline(station local: Int, now: Int64) {
        if let deadline = links[local].csms.nextDeadline {
            scheduler.schedule(.csmsDeadline(station: Int32(local)), at: max(deadline, now + 1))
        }
    }

    /// Carries out what a station's CSMS core asked, and gives the buffer back.
    private func apply(_ effects: inout [CSMSEffect], station local: Int, now: Int64) {
        for effect in effects {
            switch effect {
            case .stopForAnotherCore:
                // A station's core is its own: every transaction it stops was started there.
                break
            case .send(_, let frame, let at):
                let slot = frames.put(.json(frame))
                scheduler.schedule(
                    .frameToStation(station: Int32(local), frame: slot, epoch: links[local].epoch),
                    at: sent(by: local, at: max(at, now)) + Simulation.linkLatency)
            case .close:
                // A newer link took over the station's id: the CSMS closes the older one, as ours does.
                dropLink(station: local, now: now, reason: "csms_close_1008")
            case .commandCompleted:
                break
            }
        }
        effects.removeAll(keepingCapacity: true)
        csmsBuffers.append(effects)
    }
}
