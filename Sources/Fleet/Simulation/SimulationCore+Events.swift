import CSMS
import OCPP
import Station

extension SimulationCore {
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
        for local in links.indices {
            // As the embedded CSMS going down closes its links with 1001.
            dropLink(station: local, now: now, reason: "csms_close_1001")
        }
        scheduler.schedule(.csmsUp, at: now + downtime)
    }
}
