import CSMS
import OCPP
import Station

extension SimulationCore {
    /// Puts every station's plan on the scheduler (power-on, EV sessions, timed events) and the CSMS's
    /// restarts.
    mutating func schedulePlans() {
        for (local, station) in stations.enumerated() {
            let index = Int32(local)
            scheduler.schedule(.powerOn(station: index), at: station.plan.powerOn)
            for (number, session) in station.plan.sessions.enumerated() {
                scheduler.schedule(.plug(station: index, session: Int32(number)), at: session.arrival)
            }
            for (number, event) in station.plan.events.enumerated() {
                scheduler.schedule(.stationEvent(station: index, event: Int32(number)), at: event.at)
            }
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
            if timerGenerations[Int(index) * StationTimer.slotCount + timer.slot] == generation {
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
        case .plug(let index, let number):
            plug(station: Int(index), session: Int(number), now: now)
        case .badge(let index, let number):
            let session = stations[Int(index)].plan.sessions[Int(number)]
            if case .badge(let idTag, _) = session.start {
                handle(.badgePresented(connectorId: session.connectorId, idTag: idTag), station: Int(index), now: now)
            }
        case .remoteStart(let index, let number):
            let session = stations[Int(index)].plan.sessions[Int(number)]
            if case .remote(let idTag) = session.start {
                let request = RemoteStartTransactionRequest(connectorId: session.connectorId, idTag: idTag)
                sendCommand(.remoteStartTransaction(request), station: Int(index), now: now)
            }
        case .unplug(let index, let number):
            let session = stations[Int(index)].plan.sessions[Int(number)]
            handle(.evUnplugged(connectorId: session.connectorId), station: Int(index), now: now)
        case .stationEvent(let index, let number):
            timedEvent(station: Int(index), planned: stations[Int(index)].plan.events[Int(number)], now: now)
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
        sendCommand(
            .changeConfiguration(ChangeConfigurationRequest(key: "oCPPPlugAndCharge", value: "true")), station: local,
            now: now)
    }

    private mutating func plug(station local: Int, session number: Int, now: Int64) {
        let session = stations[local].plan.sessions[number]
        let ev = EVCharacteristics(
            maxPowerW: session.ev.maxPowerKW * 1000, phases: session.ev.phases, energyWantedWh: session.energyWh)
        handle(.evPlugged(connectorId: session.connectorId, ev: ev), station: local, now: now)
        switch session.start {
        case .badge:
            scheduler.schedule(.badge(station: Int32(local), session: Int32(number)), at: now + Self.badgeDelay)
        case .remote:
            scheduler.schedule(.remoteStart(station: Int32(local), session: Int32(number)), at: now + Self.appStartDelay)
        case .plugAndCharge:
            break
        }
        scheduler.schedule(.unplug(station: Int32(local), session: Int32(number)), at: session.departure)
    }

    private mutating func timedEvent(station local: Int, planned: PlannedEvent, now: Int64) {
        switch plan.profile.events[planned.event].action {
        case .dropLinks(_, let how):
            dropLink(station: local, now: now, reason: LinkClosure.dropped(how).reason)
        case .powerCycle:
            handle(.powerCycle, station: local, now: now)
        case .firmwareRollout(_, let version, _):
            // A station already on the version has nothing to update.
            guard !stations[local].station.model.firmwareVersion.hasPrefix(version.rawValue) else { return }
            let request = UpdateFirmwareRequest(
                location: "https://firmware.invalid/greenup/\(version.rawValue).bin",
                retrieveDate: OCPPDateTime(millisecondsSinceEpoch: now))
            sendCommand(.updateFirmware(request), station: local, now: now)
        case .chargingCap(_, let limit):
            let unit: ChargingRateUnitType
            let value: Double
            switch limit {
            case .amperes(let amperes): (unit, value) = (.a, amperes)
            case .watts(let watts): (unit, value) = (.w, watts)
            }
            let profile = ChargingProfile(
                chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: .chargePointMaxProfile,
                chargingProfileKind: .absolute,
                chargingSchedule: ChargingSchedule(
                    startSchedule: OCPPDateTime(millisecondsSinceEpoch: now), chargingRateUnit: unit,
                    chargingSchedulePeriod: [ChargingSchedulePeriod(startPeriod: 0, limit: value)]))
            sendCommand(.setChargingProfile(SetChargingProfileRequest(connectorId: 0, csChargingProfiles: profile)),
                station: local, now: now)
        case .restartCSMS:
            break
        case .linkFault:
            // The simulation's links have no network to fail: only `run` applies link faults.
            break
        }
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
