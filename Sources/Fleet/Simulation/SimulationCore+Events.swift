import CSMS
import Metrics
import OCPP
import Station

extension SimulationCore {
    /// Puts the profile's faults on the scheduler, so that each core begins their storms at their planned
    /// instant (``Metrics/MetricsRecorder/recordFaultPlanned(_:occurrence:startMicros:)``): a storm's
    /// figures are then the same whichever core or shard runs the stations it hits.
    func scheduleFaults() {
        for (number, event) in plan.profile.events.enumerated() where Self.faultName(event.action) != nil {
            scheduler.schedule(.faultPlanned(event: Int32(number)), at: plan.start + event.at)
        }
    }

    /// The name a storm of the event has (as ``StationLife/Step/fault`` and the CSMS's restart give it),
    /// `nil` for an event that is no fault.
    static func faultName(_ action: TimedEvent.Action) -> String? {
        switch action {
        case .powerCycle: "powerCycle"
        case .dropLinks: "dropLinks"
        case .linkFault(_, let fault): fault.eventName
        case .restartCSMS: "restartCSMS"
        case .firmwareRollout, .chargingCap: nil
        }
    }

    /// Puts the CSMS's restarts on the scheduler.
    func scheduleCSMSRestarts() {
        for (number, event) in plan.profile.events.enumerated() {
            if case .restartCSMS = event.action {
                scheduler.schedule(.csmsDown(event: Int32(number)), at: plan.start + event.at)
            }
        }
    }

    func fire(_ event: SimulationEvent, now: Int64) {
        switch event {
        case .timer(let index, let generation, let timer):
            let slot = Int(index)
            if timerGenerations[slot * HostTimer.count + Int(timer.code)] == generation {
                host.timerFired(timer, slot: slot, due: nanos(now), now: instant(now))
            }
        case .connectAttempt(let index):
            connectAttempt(station: Int(index), now: now)
        case .frameToCSMS(let index, let frame, let epoch):
            let frame = frames.take(frame)
            guard links[Int(index)].epoch == epoch else { return }
            deliverToCSMS(frame, station: Int(index), now: now)
        case .frameToStation(let index, let frame, let epoch):
            let frame = frames.take(frame)
            guard links[Int(index)].epoch == epoch else { return }
            deliverToStation(frame, station: Int(index), now: now)
        case .faultPlanned(let number):
            if let name = Self.faultName(plan.profile.events[Int(number)].action) {
                recorder.recordFaultPlanned(name, occurrence: Int(number), startMicros: elapsedMicros(atNanos: nanos(now)))
            }
        case .pingTimeout(let index, let epoch):
            pingTimedOut(station: Int(index), epoch: epoch, now: now)
        case .csmsDown(let number):
            csmsGoesDown(event: Int(number), now: now)
        case .csmsUp:
            csmsIsDown = false
        case .csmsDeadline(let index):
            expireCommands(station: Int(index), now: now)
        }
    }

    private func csmsGoesDown(event number: Int, now: Int64) {
        guard case .restartCSMS(let downtime) = plan.profile.events[number].action else { return }
        csmsIsDown = true
        host.faultStruck(
            "restartCSMS", occurrence: number, plannedAt: eventStart(number), slots: host.slots, now: instant(now))
        for local in links.indices where links[local].isLinked {
            // As the embedded CSMS going down closes its links with 1001.
            dropLink(station: local, now: now, reason: "csms_close_1001")
            recorder.recordLinkLost(station: local, atMicros: elapsedMicros(atNanos: nanos(now)))
        }
        scheduler.schedule(.csmsUp, at: now + downtime)
    }
}
