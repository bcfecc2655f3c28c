import OCPP

// Transactions begin and end, the meter is sampled, the power follows the EV and the schedules, and
// every status change is reported.
extension Station {
    mutating func startTransaction(_ connectorId: Int, _ driver: Driver, now: Int64, effects: inout [StationEffect]) {
        var reservationId: Int?
        if let reservation = connectors[connectorId].reservation, reservation.admits(driver) {
            reservationId = reservation.id
            connectors[connectorId].reservation = nil
            effects.append(.cancelTimer(.reservationExpiry(connectorId: connectorId)))
        } else if let reservation = stationReservation, reservation.admits(driver) {
            reservationId = reservation.id
            stationReservation = nil
            effects.append(.cancelTimer(.reservationExpiry(connectorId: 0)))
        }
        if connectors[connectorId].authorizedDriver != nil {
            connectors[connectorId].authorizedDriver = nil
            effects.append(.cancelTimer(.connectionTimeout(connectorId: connectorId)))
        }
        connectors[connectorId].meter.advance(to: now)
        let register = connectors[connectorId].meter.registerWh
        let local = nextLocalTransaction
        nextLocalTransaction &+= 1
        let meterStart = Int(Int64(saturating: register))
        connectors[connectorId].transaction = Transaction(
            local: local, id: nil, driver: driver, meterStart: meterStart, startRegisterWh: register,
            start: clockTime(at: now), lastSampleWh: register)
        connectors[connectorId].finished = false
        // The Green'Up sends reservationId 0 when there is no reservation.
        let request = StartTransactionRequest(
            connectorId: connectorId, idTag: driver.idTag, meterStart: meterStart, reservationId: reservationId ?? 0,
            timestamp: timestamp(now))
        effects.append(.count(.transactionStarted))
        enqueueTransactionMessage(.startTransaction(local: local, request), now: now, effects: &effects)
        armSampling(connectorId, now: now, effects: &effects)
        updatePower(connectorId, now: now, effects: &effects)
    }

    mutating func startAnswered(
        _ local: UInt32, _ request: StartTransactionRequest, _ response: StartTransactionResponse, now: Int64,
        effects: inout [StationEffect]
    ) {
        rememberIfCaching(request.idTag, response.idTagInfo)
        // Messages queued before the answer (offline) learn the transactionId now.
        for index in queue.indices where queue[index].local == local {
            switch queue[index].message {
            case .meterValues(let local, var values):
                values.transactionId = response.transactionId
                queue[index].message = .meterValues(local: local, values)
            case .stopTransaction(let local, var stop, let energy):
                stop.transactionId = response.transactionId
                queue[index].message = .stopTransaction(local: local, stop, energyWh: energy)
            default: break
            }
        }
        guard let connectorId = connectors.firstIndex(where: { $0.transaction?.local == local }) else { return }
        connectors[connectorId].transaction?.id = response.transactionId
        if response.idTagInfo.status != .accepted {
            if configuration.boolean(.stopTransactionOnInvalidId, in: model) {
                stopTransaction(connectorId, reason: .deAuthorized, idTag: request.idTag, now: now, effects: &effects)
            } else {
                connectors[connectorId].transaction?.deauthorized = true
                updatePower(connectorId, now: now, effects: &effects)
            }
        }
    }

    mutating func stopTransaction(
        _ connectorId: Int, reason: Reason, idTag: String?, now: Int64, effects: inout [StationEffect]
    ) {
        guard let transaction = connectors[connectorId].transaction else { return }
        connectors[connectorId].meter.stop(at: now)
        let register = connectors[connectorId].meter.registerWh
        let energy = Int(Int64(saturating: register - transaction.startRegisterWh))
        let data = MeterValue(
            timestamp: timestamp(now),
            sampledValue: sampledValues(
                connectorId, configuration.measurands(.stopTxnSampledData, in: model), context: .interruptionEnd,
                sinceWh: transaction.lastSampleWh))
        connectors[connectorId].transaction = nil
        connectors[connectorId].finished = connectors[connectorId].ev != nil
        if !transaction.lost {
            let request = StopTransactionRequest(
                idTag: idTag ?? transaction.driver.idTag, meterStop: transaction.meterStart + energy,
                timestamp: timestamp(now), transactionId: transaction.id ?? 0, reason: reason,
                transactionData: data.sampledValue.isEmpty ? nil : [data])
            enqueueTransactionMessage(
                .stopTransaction(local: transaction.local, request, energyWh: energy), now: now, effects: &effects)
        }
        profiles.removeTransactionProfiles(connectorId: connectorId)
        effects.append(.cancelTimer(.meterValues(connectorId: connectorId)))
        if let operative = connectors[connectorId].scheduledOperative {
            connectors[connectorId].operative = operative
            connectors[connectorId].scheduledOperative = nil
        }
        updatePower(connectorId, now: now, effects: &effects)
    }

    mutating func stopAllTransactions(reason: Reason, now: Int64, effects: inout [StationEffect]) {
        for connectorId in connectors.indices where connectors[connectorId].transaction != nil {
            stopTransaction(connectorId, reason: reason, idTag: nil, now: now, effects: &effects)
        }
    }

    // MARK: - Meter values

    mutating func armSampling(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        let interval = seconds(.meterValueSampleInterval)
        if interval > 0 {
            effects.append(.armTimer(.meterValues(connectorId: connectorId), at: now.saturatingAdd(interval)))
        }
    }

    mutating func sampleDue(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard let transaction = connectors[connectorId].transaction else { return }
        connectors[connectorId].meter.advance(to: now)
        if !transaction.lost {
            let values = sampledValues(
                connectorId, configuration.measurands(.meterValuesSampledData, in: model), context: .sampleClock,
                sinceWh: transaction.lastSampleWh)
            if !values.isEmpty {
                let request = MeterValuesRequest(
                    connectorId: connectorId, transactionId: transaction.id,
                    meterValue: [MeterValue(timestamp: timestamp(now), sampledValue: values)])
                enqueueTransactionMessage(.meterValues(local: transaction.local, request), now: now, effects: &effects)
            }
        }
        let register = connectors[connectorId].meter.registerWh
        connectors[connectorId].noteSample(registerWh: register)
        armSampling(connectorId, now: now, effects: &effects)
    }

    /// MeterValues for TriggerMessage: a connector's values now, with its transaction if one runs.
    mutating func triggeredMeterValues(_ connectorId: Int, now: Int64) {
        connectors[connectorId].meter.advance(to: now)
        let transaction = connectors[connectorId].transaction
        let values = sampledValues(
            connectorId, configuration.measurands(.meterValuesSampledData, in: model), context: .trigger,
            sinceWh: transaction?.lastSampleWh ?? connectors[connectorId].meter.registerWh)
        guard !values.isEmpty else { return }
        let request = MeterValuesRequest(
            connectorId: connectorId, transactionId: transaction?.id,
            meterValue: [MeterValue(timestamp: timestamp(now), sampledValue: values)])
        // A triggered sample is not a transaction message: it is not queued offline nor retried.
        enqueue(.meterValues(local: nil, request))
    }

    /// The sampled values of a connector as the model's firmware writes them (Raw format, its units).
    func sampledValues(_ connectorId: Int, _ set: MeasurandSet, context: ReadingContext, sinceWh: Double) -> [SampledValue] {
        let meter = connectors[connectorId].meter
        var values: [SampledValue] = []
        values.reserveCapacity(set.count)
        for (index, spec) in model.measurands.enumerated() where set.contains(index) {
            let raw: Double
            switch spec.quantity {
            case .current: raw = meter.powerW / (ChargingProfileSet.phaseVoltage * Double(meter.phases))
            case .power: raw = meter.powerW
            case .energyInterval: raw = max(0, meter.registerWh - sinceWh)
            case .energyRegister: raw = meter.registerWh
            case .voltage: raw = ChargingProfileSet.phaseVoltage
            }
            values.append(
                SampledValue(
                    value: Float(raw * spec.scale).description, context: context, format: .raw,
                    measurand: spec.ocppMeasurand, phase: spec.ocppPhase, location: spec.ocppLocation,
                    unit: spec.ocppUnit))
        }
        return values
    }

    // MARK: - Power

    /// Sets what a connector delivers now: the EV's wish capped by the socket, cable and installation limits,
    /// chargingStationMaxLimit and the charging profiles; arms the next moment it changes on its own.
    /// Under a ChargePointMaxProfile the connectors share one budget, so every connector is set again.
    mutating func updatePower(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard connectorId > 0 else { return }
        if profiles.hasStationMaximum {
            updateAllPower(now: now, effects: &effects)
        } else {
            setPower(connectorId, shareW: nil, now: now, effects: &effects)
        }
    }

    mutating func updateAllPower(now: Int64, effects: inout [StationEffect]) {
        let shares = stationShares(now: now)
        for connectorId in 1..<connectors.count {
            setPower(connectorId, shareW: shares?[connectorId], now: now, effects: &effects)
        }
    }

    /// - Parameter shareW: the connector's part of the station-wide limit, when one is in force.
    private mutating func setPower(_ connectorId: Int, shareW: Double?, now: Int64, effects: inout [StationEffect]) {
        let connector = connectors[connectorId]
        guard let transaction = connector.transaction, let ev = connector.ev else {
            connectors[connectorId].meter.stop(at: now)
            connectors[connectorId].offeredW = 0
            effects.append(.cancelTimer(.energy(connectorId: connectorId)))
            refreshStatus(connectorId, now: now, effects: &effects)
            return
        }
        let phases = self.phases(connectorId, ev)
        var offered = hardwareW(connectorId, phases: phases)
        // The station's limit over the EV's phases bounds the current on each phase; the share bounds the total.
        let (station, own, scheduleChange) = profiles.limits(
            connectorId: connectorId, phases: phases, stationPhases: phases, at: clockTime(at: now),
            transaction: (transaction.id, transaction.start))
        for limit in [own, station, shareW].compactMap({ $0 }) { offered = min(offered, limit) }
        // IEC 61851: below 6 A the station cannot offer a charge at all.
        if offered < Self.minimumCurrent * ChargingProfileSet.phaseVoltage * Double(phases) || transaction.deauthorized {
            offered = 0
        }
        connectors[connectorId].offeredW = offered
        let evChange = connectors[connectorId].meter.draw(ev: ev, capW: offered, phases: phases, at: now)
            .map { min($0, now.saturatingAdd(Self.timerHorizonMs)) }
        let scheduleChangeDeadline = scheduleChange.map { deadline(for: $0, now: now) }
        if let next = [evChange, scheduleChangeDeadline].compactMap({ $0 }).min() {
            effects.append(.armTimer(.energy(connectorId: connectorId), at: next))
        } else {
            effects.append(.cancelTimer(.energy(connectorId: connectorId)))
        }
        refreshStatus(connectorId, now: now, effects: &effects)
    }

    /// How a station-wide limit in force now is shared: connectors in order of what they would draw alone
    /// (EV, hardware, profiles) are each offered an equal part of what the smaller draws left, so an EV
    /// that takes less leaves the rest to the others and the draws never add up to more than the limit;
    /// nil when no ChargePointMaxProfile limits the station now.
    private mutating func stationShares(now: Int64) -> [Double?]? {
        guard profiles.hasStationMaximum,
            let budget = profiles.limits(
                connectorId: 0, phases: Self.stationPhases, stationPhases: Self.stationPhases, at: clockTime(at: now),
                transaction: nil
            ).station
        else { return nil }
        var demands: [(connectorId: Int, watts: Double)] = []
        for connectorId in 1..<connectors.count {
            guard let transaction = connectors[connectorId].transaction, let ev = connectors[connectorId].ev,
                !transaction.deauthorized
            else { continue }
            connectors[connectorId].meter.advance(to: now)
            let phases = self.phases(connectorId, ev)
            var watts = min(connectors[connectorId].meter.demand(of: ev).watts, hardwareW(connectorId, phases: phases))
            let limits = profiles.limits(
                connectorId: connectorId, phases: phases, stationPhases: phases, at: clockTime(at: now),
                transaction: (transaction.id, transaction.start))
            for limit in [limits.connector, limits.station].compactMap({ $0 }) { watts = min(watts, limit) }
            demands.append((connectorId, watts))
        }
        var shares = [Double?](repeating: nil, count: connectors.count)
        var remaining = max(0, budget)
        for (index, demand) in demands.sorted(by: { $0.watts < $1.watts }).enumerated() {
            let fair = remaining / Double(demands.count - index)
            shares[demand.connectorId] = fair
            remaining -= min(demand.watts, fair)
        }
        return shares
    }

    /// The phases an EV draws on at a connector.
    func phases(_ connectorId: Int, _ ev: EVCharacteristics) -> Int {
        max(1, min(ev.phases, model.connectors[connectorId - 1].phases))
    }

    /// What the socket, cable, installation and chargingStationMaxLimit let a connector deliver, in watts.
    func hardwareW(_ connectorId: Int, phases: Int) -> Double {
        let spec = model.connectors[connectorId - 1]
        let right = spec.side == .right
        let amperes = min(
            spec.maxCurrent,
            Double(configuration.integer(right ? .maxCurrentCableRight : .maxCurrentCableLeft, in: model)),
            Double(configuration.integer(right ? .maxCurrentInstallationRight : .maxCurrentInstallationLeft, in: model)),
            Double(configuration.integer(.chargingStationMaxLimit, in: model)))
        return amperes * ChargingProfileSet.phaseVoltage * Double(phases)
    }

    static let minimumCurrent = 6.0
    /// A ChargePointMaxProfile in amperes limits each phase of the station's three-phase supply.
    static let stationPhases = 3

    // MARK: - Status

    /// The status a connector's state implies.
    func derivedStatus(_ connectorId: Int) -> ChargePointStatus {
        let connector = connectors[connectorId]
        if connectorId == 0 { return connector.operative ? .available : .unavailable }
        if connector.fault != nil { return .faulted }
        if let transaction = connector.transaction {
            if connector.ev == nil { return .suspendedEV }
            if connector.offeredW <= 0 || transaction.deauthorized { return .suspendedEVSE }
            return connector.meter.powerW > 0 ? .charging : .suspendedEV
        }
        if !connector.operative || !connectors[0].operative { return .unavailable }
        if connector.finished { return .finishing }
        if connector.ev != nil || connector.authorizedDriver != nil || connector.authorizing != nil {
            return connector.reservation == nil || connector.authorizedDriver != nil ? .preparing : .reserved
        }
        if connector.reservation != nil { return .reserved }
        return .available
    }

    mutating func refreshStatus(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        let status = derivedStatus(connectorId)
        guard status != connectors[connectorId].status else { return }
        connectors[connectorId].status = status
        reportStatus(connectorId, now: now, effects: &effects)
    }

    /// Queues a StatusNotification, no sooner than MinimumStatusDuration after the previous one.
    mutating func reportStatus(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        let connector = connectors[connectorId]
        guard isOnline,
            connector.reportedStatus != connector.status
                || (connector.status == .faulted && connector.reportedFault != connector.fault)
        else { return }
        let minimum = seconds(.minimumStatusDuration)
        let earliest =
            connectors[connectorId].reportedAt == .min ? now : connectors[connectorId].reportedAt.saturatingAdd(minimum)
        if minimum > 0, earliest > now {
            effects.append(.armTimer(.statusReport(connectorId: connectorId), at: earliest))
            return
        }
        enqueueStatus(connectorId, now: now)
    }

    mutating func reportChangedStatuses(now: Int64, effects: inout [StationEffect]) {
        for connectorId in connectors.indices {
            reportStatus(connectorId, now: now, effects: &effects)
        }
    }
}
