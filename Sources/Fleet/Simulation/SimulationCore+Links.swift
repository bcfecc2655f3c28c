import CSMS
import Metrics
import OCPP
import Station

extension SimulationCore {
    /// Hands `event` to a station and carries out what it asks.
    mutating func handle(_ event: StationEvent, station local: Int, now: Int64) {
        var effects = stationBuffers.popLast() ?? []
        stations[local].station.handle(event, now: now, effects: &effects)
        apply(&effects, station: local, now: now)
    }

    /// Hands a frame from the CSMS to a station, in whichever form it travelled.
    mutating func deliverToStation(_ frame: SimulatedFrame, station local: Int, now: Int64) {
        switch frame {
        case .json(let bytes):
            record(bytes, station: local, direction: .into, now: now)
            handle(.frameReceived(bytes), station: local, now: now)
        case .answer(let response, let messageId):
            if trace != nil {
                var bytes: [UInt8] = []
                response.encodeCallResult(messageId: messageId, into: &bytes)
                record(bytes, station: local, direction: .into, now: now)
            }
            var effects = stationBuffers.popLast() ?? []
            stations[local].station.handle(answer: response, messageId: messageId, now: now, effects: &effects)
            apply(&effects, station: local, now: now)
        case .call:
            // Only a station sends its CALLs typed.
            break
        }
    }

    /// Carries out what a station asked, and gives the buffer back.
    ///
    /// A CALL's latency runs from when it was sent, not from when it was due as over sockets: measured
    /// from the due times of the station's queue (``StationCalls/account(queued:due:sentFromQueue:)``),
    /// the latencies of a shard's simulation no longer add up to the whole fleet's (not yet understood).
    private mutating func apply(_ effects: inout [StationEffect], station local: Int, now: Int64) {
        for effect in effects {
            apply(effect, station: local, due: nanos(now), now: now)
        }
        effects.removeAll(keepingCapacity: true)
        stationBuffers.append(effects)
    }

    private mutating func apply(_ effect: StationEffect, station local: Int, due: UInt64, now: Int64) {
        switch effect {
        case .send(let message):
            guard stations[local].isLinked else { return }
            // A CALL of the station goes typed: its JSON is written only for the trace.
            let typed = typedFrames && message.request != nil
            let bytes = !typed || trace != nil ? message.bytes : []
            record(bytes, station: local, direction: .out, now: now)
            metrics.sent(message, calls: &stations[local].calls, due: due, now: nanos(now))
            let slot = frames.put(typed ? .call(message) : .json(bytes))
            scheduler.schedule(
                .frameToCSMS(station: Int32(local), frame: slot, epoch: stations[local].epoch),
                at: now + Simulation.linkLatency)
        case .armTimer(let timer, let at):
            let slot = local * HostTimer.count + Int(HostTimer(timer).code)
            timerGenerations[slot] &+= 1
            scheduler.schedule(.timer(station: Int32(local), generation: timerGenerations[slot], timer: timer), at: at)
        case .cancelTimer(let timer):
            timerGenerations[local * HostTimer.count + Int(HostTimer(timer).code)] &+= 1
        case .closeConnection:
            closeLink(station: local, now: now)
        case .connect:
            scheduler.schedule(.connectAttempt(station: Int32(local)), at: now + Self.connectLatency)
        case .callCompleted(let action, let messageId, let outcome):
            metrics.completed(
                action, messageId: messageId, outcome, station: local, calls: &stations[local].calls, now: nanos(now))
        case .lateAnswer(let action, let messageId):
            metrics.lateAnswer(action, messageId: messageId, station: local, now: nanos(now))
        case .count(let count):
            metrics.count(count, station: stations[local].plan.id)
        }
    }

    /// A station's WebSocket opens, unless the CSMS is down.
    mutating func connectAttempt(station local: Int, now: Int64) {
        let isReconnect = stations[local].everConnected
        recorder.recordConnectAttempt(isReconnect: isReconnect)
        guard !csmsIsDown, !stations[local].isLinked else {
            recorder.recordConnectFailed(reason: "refused")
            handle(.disconnected, station: local, now: now)
            return
        }
        var effects = csmsBuffers.popLast() ?? []
        let handle = stations[local].csms.connect(stationID: stations[local].plan.id, now: now, into: &effects)
        stations[local].handle = handle
        stations[local].epoch &+= 1
        stations[local].everConnected = true
        recorder.recordConnected(isReconnect: isReconnect)
        apply(&effects, station: local, now: now)
        self.handle(.connected, station: local, now: now)
    }

    /// The station closes its link (reboot, power cut), or `reason` says who else did, in the words of
    /// the report's `closed_by_reason`.
    mutating func closeLink(station local: Int, now: Int64, reason: String = "station_reboot") {
        guard let handle = stations[local].handle else { return }
        stations[local].handle = nil
        stations[local].epoch &+= 1
        recorder.recordDisconnected(reason: reason)
        var effects = csmsBuffers.popLast() ?? []
        stations[local].csms.disconnect(handle, now: now, into: &effects)
        apply(&effects, station: local, now: now)
    }

    /// The link breaks under the station (dropped, or the CSMS went down).
    mutating func dropLink(station local: Int, now: Int64, reason: String) {
        guard stations[local].isLinked else { return }
        closeLink(station: local, now: now, reason: reason)
        handle(.disconnected, station: local, now: now)
    }

    mutating func deliverToCSMS(_ frame: SimulatedFrame, station local: Int, now: Int64) {
        guard let handle = stations[local].handle else { return }
        var effects = csmsBuffers.popLast() ?? []
        switch frame {
        case .json(let bytes):
            stations[local].csms.receive(bytes, from: handle, now: now, into: &effects)
            apply(&effects, station: local, now: now)
        case .call(let message):
            let messageId = message.messageId
            let answer = message.request.flatMap {
                stations[local].csms.answer($0, messageId: messageId, from: handle, now: now, into: &effects)
            }
            // What the core did besides answering comes first, as the effects of a CALL's JSON do.
            apply(&effects, station: local, now: now)
            if let answer {
                let slot = frames.put(.answer(answer.response, messageId: messageId))
                scheduler.schedule(
                    .frameToStation(station: Int32(local), frame: slot, epoch: stations[local].epoch),
                    at: max(answer.at, now) + Simulation.linkLatency)
            }
        case .answer:
            // Only the CSMS answers typed.
            apply(&effects, station: local, now: now)
        }
    }

    /// The CSMS sends a command to a station, if it is connected.
    mutating func sendCommand(_ command: CentralSystemRequest, station local: Int, now: Int64) {
        guard let handle = stations[local].handle else { return }
        var effects = csmsBuffers.popLast() ?? []
        // Counted as received when the station answers it, as over sockets.
        _ = stations[local].csms.send(command, to: handle, now: now, into: &effects)
        apply(&effects, station: local, now: now)
        scheduleDeadline(station: local, now: now)
    }

    mutating func expireCommands(station local: Int, now: Int64) {
        var effects = csmsBuffers.popLast() ?? []
        stations[local].csms.expireCommands(now: now, into: &effects)
        apply(&effects, station: local, now: now)
        scheduleDeadline(station: local, now: now)
    }

    private mutating func scheduleDeadline(station local: Int, now: Int64) {
        if let deadline = stations[local].csms.nextDeadline {
            scheduler.schedule(.csmsDeadline(station: Int32(local)), at: max(deadline, now + 1))
        }
    }

    /// Carries out what a station's CSMS core asked, and gives the buffer back.
    private mutating func apply(_ effects: inout [CSMSEffect], station local: Int, now: Int64) {
        for effect in effects {
            switch effect {
            case .stopForAnotherCore:
                // A station's core is its own: every transaction it stops was started there.
                break
            case .send(_, let frame, let at):
                let slot = frames.put(.json(frame))
                scheduler.schedule(
                    .frameToStation(station: Int32(local), frame: slot, epoch: stations[local].epoch),
                    at: max(at, now) + Simulation.linkLatency)
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
