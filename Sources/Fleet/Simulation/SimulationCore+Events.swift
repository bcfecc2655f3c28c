import CSMS
import OCPP
import Station

extension SimulationCore {
    /// Puts every station's power-on and the first step of its ``StationLife`` on the scheduler, and the
    /// CSMS's restarts.
    mutating func schedulePlans() {
        for local in stations.indices {
            scheduler.schedule(.powerOn(station: Int32(local)), at: stations[local].plan.powerOn)
            scheduleLife(station: local)
        }
        for (number, event) in plan.profile.events.enumerated() {
            if case .restartCSMS = event.action {
                scheduler.schedule(.csmsDown(event: Int32(number)), at: plan.start + event.at)
            }
        }
    }

    mutating func fire(_ event: SimulationEvent, now: Int64) {
        switch event {
        case .powerOn(let index):
            handle(.powerOn, station: Int(index), now: now)
        case .timer(let index, let generation, let timer):
            if timerGenerations[Int(index) * HostTimer.count + Int(HostTimer(timer).code)] == generation {
                handle(.timerFired(timer), station: Int(index), now: now)
            }
        case .connectAttempt(let index):
            connectAttempt(station: Int(index), now: now)
        case .frameToCSMS(let index, let frame, let epoch):
            let frame = frames.take(frame)
            guard stations[Int(index)].epoch == epoch else { return }
            deliverToCSMS(frame, station: Int(index), now: now)
        case .frameToStation(let index, let frame, let epoch):
            let frame = frames.take(frame)
            guard stations[Int(index)].epoch == epoch else { return }
            deliverToStation(frame, station: Int(index), now: now)
            provisionPlugAndCharge(station: Int(index), now: now)
        case .life(let index):
            live(station: Int(index), now: now)
        case .csmsDown(let number):
            csmsGoesDown(event: Int(number), now: now)
        case .csmsUp:
            csmsIsDown = false
        case .csmsDeadline(let index):
            expireCommands(station: Int(index), now: now)
        }
    }

    /// Once a plug-and-charge station is first registered, the CSMS turns its `oCPPPlugAndCharge` key on,
    /// as an operator commissioning it would.
    private mutating func provisionPlugAndCharge(station local: Int, now: Int64) {
        guard stations[local].plan.plugAndCharge, !stations[local].plugAndChargeSet,
            stations[local].station.isRegistered
        else { return }
        stations[local].plugAndChargeSet = true
        sendCommand(CSMSCommand.plugAndChargeOn, station: local, now: now)
    }

    private mutating func scheduleLife(station local: Int) {
        if let next = stations[local].life.nextTime {
            scheduler.schedule(.life(station: Int32(local)), at: next)
        }
    }

    /// Takes the steps of the station's life that are due, as a run over sockets takes them.
    private mutating func live(station local: Int, now: Int64) {
        while let step = stations[local].life.popDue(now: now) {
            switch step {
            case .station(let event):
                handle(event, station: local, now: now)
            case .dropLink(let how, _):
                dropLink(station: local, now: now, reason: LinkClosure.dropped(how).reason)
            case .powerCycle:
                handle(.powerCycle, station: local, now: now)
            case .linkFault:
                // The simulation's links have no network to fail: only `run` applies link faults.
                break
            case .remoteStart(let connectorId, let idTag):
                sendCommand(CSMSCommand.remoteStart(connectorId: connectorId, idTag: idTag), station: local, now: now)
            case .firmwareRollout(let version):
                // A station already on the version has nothing to update.
                guard !stations[local].station.model.firmwareVersion.hasPrefix(version.rawValue) else { continue }
                let clock = stations[local].station.clockTime(at: now)
                sendCommand(CSMSCommand.updateFirmware(version, now: clock), station: local, now: now)
            case .chargingCap(let limit):
                let clock = stations[local].station.clockTime(at: now)
                sendCommand(CSMSCommand.chargingCap(limit, now: clock), station: local, now: now)
            }
        }
        scheduleLife(station: local)
    }

    private mutating func csmsGoesDown(event number: Int, now: Int64) {
        guard case .restartCSMS(let downtime) = plan.profile.events[number].action else { return }
        csmsIsDown = true
        for local in stations.indices {
            // As the embedded CSMS going down closes its links with 1001.
            dropLink(station: local, now: now, reason: "csms_close_1001")
        }
        scheduler.schedule(.csmsUp, at: now + downtime)
    }
}
