import OCPP

// Every CSMS → station request of the guide, answered as a Green'Up answers it.
extension Station {
    mutating func answer(_ request: CentralSystemRequest, messageId: String, now: Int64, effects: inout [StationEffect]) {
        var bytes: [UInt8] = []
        func reply<Response: OCPPPayload>(_ response: Response) {
            OCPPFrame.encodeCallResult(messageId: messageId, response, into: &bytes)
        }
        // Work the answer implies (a StartTransaction, a reboot) is done after the answer is sent.
        var after: ((inout Station, inout [StationEffect]) -> Void)?
        switch request {
        case .cancelReservation(let request):
            reply(CancelReservationResponse(status: cancelReservation(request.reservationId, now: now, effects: &effects)))
        case .changeAvailability(let request):
            reply(ChangeAvailabilityResponse(status: changeAvailability(request, now: now, effects: &effects)))
        case .changeConfiguration(let request):
            reply(ChangeConfigurationResponse(status: changeConfiguration(request, now: now, effects: &effects)))
        case .clearCache:
            authorization.clearCache()
            reply(ClearCacheResponse(status: .accepted))
        case .clearChargingProfile(let request):
            let removed = profiles.clear(
                id: request.id, connectorId: request.connectorId,
                purpose: request.chargingProfilePurpose.map(ChargingLimitProfile.Purpose.init),
                stackLevel: request.stackLevel)
            reply(ClearChargingProfileResponse(status: removed > 0 ? .accepted : .unknown))
            after = { station, effects in station.updateAllPower(now: now, effects: &effects) }
        case .dataTransfer:
            // The guide: DataTransfer is not available on a Green'Up.
            reply(DataTransferResponse(status: .unknownVendorId))
        case .getCompositeSchedule(let request):
            reply(compositeSchedule(request, now: now))
        case .getConfiguration(let request):
            reply(getConfiguration(request.key))
        case .getDiagnostics(let request):
            reply(GetDiagnosticsResponse(fileName: "GreenUp_\(identity.serialNumber)_diagnostics.log"))
            after = { station, effects in station.startDiagnostics(request.location, now: now, effects: &effects) }
        case .getLocalListVersion:
            reply(GetLocalListVersionResponse(listVersion: authorization.localListVersion))
        case .remoteStartTransaction(let request):
            let (status, connectorId) = acceptRemoteStart(request)
            reply(RemoteStartTransactionResponse(status: status))
            if let connectorId {
                after = { station, effects in station.remoteStart(connectorId, request, now: now, effects: &effects) }
            }
        case .remoteStopTransaction(let request):
            let connectorId = connectors.firstIndex { $0.transaction?.id == request.transactionId }
            reply(RemoteStopTransactionResponse(status: connectorId == nil ? .rejected : .accepted))
            if let connectorId {
                after = { station, effects in
                    station.stopTransaction(connectorId, reason: .remote, idTag: nil, now: now, effects: &effects)
                }
            }
        case .reserveNow(let request):
            reply(ReserveNowResponse(status: reserveNow(request, now: now, effects: &effects)))
        case .reset(let request):
            reply(ResetResponse(status: .accepted))
            after = { station, effects in
                station.stopAllTransactions(reason: request.type == .hard ? .hardReset : .softReset, now: now, effects: &effects)
                effects.append(.armTimer(.reset, at: now.saturatingAdd(station.model.timings.resetGrace)))
            }
        case .sendLocalList(let request):
            let status = authorization.update(
                request, maxEntries: configuration.integer(.localAuthListMaxLength, in: model),
                maxPerMessage: configuration.integer(.sendLocalListMaxLength, in: model))
            reply(SendLocalListResponse(status: status))
        case .setChargingProfile(let request):
            reply(SetChargingProfileResponse(status: setChargingProfile(request, now: now)))
            after = { station, effects in station.updateAllPower(now: now, effects: &effects) }
        case .triggerMessage(let request):
            let accepted = request.connectorId.map { $0 >= 0 && $0 < connectors.count } ?? true
            reply(TriggerMessageResponse(status: accepted ? .accepted : .rejected))
            if accepted {
                after = { station, effects in station.trigger(request, now: now, effects: &effects) }
            }
        case .unlockConnector(let request):
            let status = unlockStatus(request.connectorId)
            reply(UnlockConnectorResponse(status: status))
            if status == .unlocked, connectors[request.connectorId].transaction != nil {
                after = { station, effects in
                    station.stopTransaction(request.connectorId, reason: .unlockCommand, idTag: nil, now: now, effects: &effects)
                }
            }
        case .updateFirmware(let request):
            reply(UpdateFirmwareResponse())
            let retrieveAt = request.retrieveDate.millisecondsSinceEpoch
            firmware = .scheduled(location: request.location, at: retrieveAt)
            effects.append(.armTimer(.firmware, at: deadline(for: retrieveAt, now: now)))
        }
        effects.append(.send(OutgoingMessage(bytes: bytes, action: request.action, messageId: messageId, kind: .callResult)))
        after?(&self, &effects)
    }

    // MARK: - Configuration

    func getConfiguration(_ keys: [String]?) -> GetConfigurationResponse {
        let maxKeys = configuration.integer(.getConfigurationMaxKeys, in: model)
        var known: [KeyValue] = []
        var unknown: [String] = []
        func add(_ key: ConfigurationKey) {
            known.append(KeyValue(key: key.rawValue, readonly: model.rules[key.index].isReadOnly, value: configurationText(key)))
        }
        if let keys, !keys.isEmpty {
            for name in keys.prefix(maxKeys) {
                if let key = ConfigurationKey(name: name) { add(key) } else { unknown.append(name) }
            }
        } else {
            for key in ConfigurationKey.allCases.prefix(maxKeys) { add(key) }
        }
        return GetConfigurationResponse(
            configurationKey: known.isEmpty ? nil : known, unknownKey: unknown.isEmpty ? nil : unknown)
    }

    mutating func changeConfiguration(
        _ request: ChangeConfigurationRequest, now: Int64, effects: inout [StationEffect]
    ) -> ConfigurationStatus {
        switch configuration.change(name: request.key, to: request.value, in: model) {
        case .notSupported: return .notSupported
        case .rejected: return .rejected
        case .accepted(let key):
            switch key {
            case .heartbeatInterval where isOnline:
                startHeartbeat(now: now, effects: &effects)
            case .meterValueSampleInterval:
                for connectorId in connectors.indices where connectors[connectorId].transaction != nil {
                    armSampling(connectorId, now: now, effects: &effects)
                }
            case .chargingStationMaxLimit:
                updateAllPower(now: now, effects: &effects)
            default: break
            }
            return .accepted
        }
    }

    // MARK: - Availability, unlock, reservations

    mutating func changeAvailability(
        _ request: ChangeAvailabilityRequest, now: Int64, effects: inout [StationEffect]
    ) -> AvailabilityStatus {
        guard request.connectorId >= 0, request.connectorId < connectors.count else { return .rejected }
        let operative = request.type == .operative
        let affected = request.connectorId == 0 ? Array(connectors.indices) : [request.connectorId]
        var scheduled = false
        for connectorId in affected {
            if connectors[connectorId].transaction != nil, connectors[connectorId].operative != operative {
                connectors[connectorId].scheduledOperative = operative
                scheduled = true
            } else {
                connectors[connectorId].operative = operative
                connectors[connectorId].scheduledOperative = nil
            }
        }
        for connectorId in connectors.indices {
            refreshStatus(connectorId, now: now, effects: &effects)
        }
        return scheduled ? .scheduled : .accepted
    }

    func unlockStatus(_ connectorId: Int) -> UnlockStatus {
        guard isValidConnector(connectorId), model.connectors[connectorId - 1].hasLock else { return .notSupported }
        return .unlocked
    }

    mutating func reserveNow(_ request: ReserveNowRequest, now: Int64, effects: inout [StationEffect]) -> ReservationStatus {
        let connectorId = request.connectorId
        guard connectorId >= 0, connectorId < connectors.count else { return .rejected }
        let expiry = request.expiryDate.millisecondsSinceEpoch
        guard expiry > clockTime(at: now) else { return .rejected }
        let reservation = Reservation(
            id: request.reservationId, driver: Driver(idTag: request.idTag, parentIdTag: request.parentIdTag), expiry: expiry)
        dropReservation(request.reservationId, now: now, effects: &effects)
        if connectorId == 0 {
            guard configuration.boolean(.reserveConnectorZeroSupported, in: model) else { return .rejected }
            guard connectors[0].operative else { return .unavailable }
            guard stationReservation == nil,
                (1..<connectors.count).contains(where: { connectors[$0].status == .available })
            else { return .occupied }
            stationReservation = reservation
        } else {
            let connector = connectors[connectorId]
            if connector.fault != nil { return .faulted }
            if !connector.operative || !connectors[0].operative { return .unavailable }
            guard connector.status == .available, connector.reservation == nil else { return .occupied }
            connectors[connectorId].reservation = reservation
            refreshStatus(connectorId, now: now, effects: &effects)
        }
        effects.append(.armTimer(.reservationExpiry(connectorId: connectorId), at: deadline(for: expiry, now: now)))
        return .accepted
    }

    mutating func cancelReservation(_ id: Int, now: Int64, effects: inout [StationEffect]) -> CancelReservationStatus {
        dropReservation(id, now: now, effects: &effects) ? .accepted : .rejected
    }

    /// Removes the reservation with this id wherever it is; whether there was one.
    @discardableResult
    mutating func dropReservation(_ id: Int, now: Int64, effects: inout [StationEffect]) -> Bool {
        if stationReservation?.id == id {
            stationReservation = nil
            effects.append(.cancelTimer(.reservationExpiry(connectorId: 0)))
            return true
        }
        guard let connectorId = connectors.firstIndex(where: { $0.reservation?.id == id }) else { return false }
        connectors[connectorId].reservation = nil
        effects.append(.cancelTimer(.reservationExpiry(connectorId: connectorId)))
        refreshStatus(connectorId, now: now, effects: &effects)
        return true
    }

    mutating func reservationExpired(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard connectors.indices.contains(connectorId),
            let reservation = connectorId == 0 ? stationReservation : connectors[connectorId].reservation
        else { return }
        guard reservation.expiry <= clockTime(at: now) else {
            // Armed at the horizon, or the clock was set back since: not yet.
            effects.append(
                .armTimer(.reservationExpiry(connectorId: connectorId), at: deadline(for: reservation.expiry, now: now)))
            return
        }
        if connectorId == 0 {
            stationReservation = nil
        } else {
            connectors[connectorId].reservation = nil
            refreshStatus(connectorId, now: now, effects: &effects)
        }
    }

    // MARK: - Remote start

    /// Decides RemoteStartTransaction's answer and the connector it starts on.
    func acceptRemoteStart(_ request: RemoteStartTransactionRequest) -> (RemoteStartStopStatus, Int?) {
        if let profile = request.chargingProfile, profile.chargingProfilePurpose != .txProfile || !canHold(profile) {
            return (.rejected, nil)
        }
        let driver = Driver(idTag: request.idTag)
        func fits(_ connectorId: Int) -> Bool {
            isValidConnector(connectorId) && isUsable(connectorId) && connectors[connectorId].authorizing == nil
                && reservationsAdmit(driver, on: connectorId)
        }
        if let connectorId = request.connectorId {
            return fits(connectorId) ? (.accepted, connectorId) : (.rejected, nil)
        }
        // No connector named: the one whose EV waits, else the first free one.
        let waiting = (1..<connectors.count).first { fits($0) && connectors[$0].ev != nil }
        guard let chosen = waiting ?? (1..<connectors.count).first(where: fits) else { return (.rejected, nil) }
        return (.accepted, chosen)
    }

    mutating func remoteStart(
        _ connectorId: Int, _ request: RemoteStartTransactionRequest, now: Int64, effects: inout [StationEffect]
    ) {
        if let profile = request.chargingProfile {
            profiles.install(ChargingLimitProfile(profile, connectorId: connectorId, installedAt: clockTime(at: now)))
        }
        if connectors[connectorId].ev == nil, let ev = options.remoteStartEV {
            connectors[connectorId].ev = ev
            connectors[connectorId].meter.evPlugged(at: now)
            connectors[connectorId].finished = false
        }
        // OCPP 1.6 §5.11's order: Preparing, then Authorize (when AuthorizeRemoteTxRequests is true), then
        // StartTransaction, then Charging. Without an EV, Preparing comes with the authorization.
        refreshStatus(connectorId, now: now, effects: &effects)
        let driver = knownDriver(request.idTag, now: now)
        if configuration.boolean(.authorizeRemoteTxRequests, in: model) {
            authorize(connectorId, driver, now: now, effects: &effects)
        } else {
            authorized(connectorId, driver, now: now, effects: &effects)
        }
    }

    // MARK: - Smart charging

    mutating func setChargingProfile(_ request: SetChargingProfileRequest, now: Int64) -> ChargingProfileStatus {
        let profile = request.csChargingProfiles
        let connectorId = request.connectorId
        guard connectorId >= 0, connectorId < connectors.count, canHold(profile) else { return .rejected }
        switch profile.chargingProfilePurpose {
        case .chargePointMaxProfile:
            guard connectorId == 0 else { return .rejected }
        case .txDefaultProfile:
            break
        case .txProfile:
            guard connectorId > 0, let transaction = connectors[connectorId].transaction else { return .rejected }
            if let wanted = profile.transactionId, wanted != transaction.id { return .rejected }
        }
        let replaces = profiles.profiles.contains { $0.id == profile.chargingProfileId }
        if !replaces, profiles.profiles.count >= configuration.integer(.maxChargingProfilesInstalled, in: model) {
            return .rejected
        }
        profiles.install(ChargingLimitProfile(profile, connectorId: connectorId, installedAt: clockTime(at: now)))
        return .accepted
    }

    /// Whether the station can keep a profile: its stack level and number of periods within the keys,
    /// a recurrency for a Recurring one, and a schedule the firmware can run (assumed: no negative time nor
    /// limit, nothing past ``StationModel/maxScheduleSeconds``, one to three phases).
    func canHold(_ profile: ChargingProfile) -> Bool {
        let schedule = profile.chargingSchedule
        let longest = model.maxScheduleSeconds
        return profile.stackLevel >= 0
            && profile.stackLevel <= configuration.integer(.chargeProfileMaxStackLevel, in: model)
            && !schedule.chargingSchedulePeriod.isEmpty
            && schedule.chargingSchedulePeriod.count <= configuration.integer(.chargingScheduleMaxPeriods, in: model)
            && (profile.chargingProfileKind != .recurring || profile.recurrencyKind != nil)
            && (schedule.duration.map { (0...longest).contains($0) } ?? true)
            && (schedule.minChargingRate.map { $0 >= 0 } ?? true)
            && schedule.chargingSchedulePeriod.allSatisfy { period in
                (0...longest).contains(period.startPeriod) && period.limit >= 0
                    && (period.numberPhases.map { (1...3).contains($0) } ?? true)
            }
    }

    func compositeSchedule(_ request: GetCompositeScheduleRequest, now: Int64) -> GetCompositeScheduleResponse {
        let connectorId = request.connectorId
        guard connectorId >= 0, connectorId < connectors.count, (1...model.maxScheduleSeconds).contains(request.duration)
        else {
            return GetCompositeScheduleResponse(status: .rejected)
        }
        let unit: ChargingLimitProfile.Unit = request.chargingRateUnit == .w ? .watts : .amperes
        let phases = connectorId == 0 ? 3 : model.connectors[connectorId - 1].phases
        let amperes =
            connectorId == 0
            ? Double(configuration.integer(.chargingStationMaxLimit, in: model))
            : min(model.connectors[connectorId - 1].maxCurrent, Double(configuration.integer(.chargingStationMaxLimit, in: model)))
        let transaction = connectors[connectorId].transaction.map { (id: $0.id, start: $0.start) }
        let periods = profiles.composite(
            connectorId: connectorId, phases: phases, from: clockTime(at: now), durationSeconds: request.duration, unit: unit,
            transaction: transaction, hardwareWatts: amperes * ChargingProfileSet.phaseVoltage * Double(phases),
            maxPeriods: configuration.integer(.chargingScheduleMaxPeriods, in: model))
        let schedule = ChargingSchedule(
            duration: request.duration, startSchedule: timestamp(now), chargingRateUnit: unit == .watts ? .w : .a,
            chargingSchedulePeriod: periods.map {
                ChargingSchedulePeriod(startPeriod: $0.startSeconds, limit: $0.limit, numberPhases: $0.phases)
            })
        return GetCompositeScheduleResponse(
            status: .accepted, connectorId: connectorId, scheduleStart: timestamp(now), chargingSchedule: schedule)
    }

    // MARK: - Remote trigger

    mutating func trigger(_ request: TriggerMessageRequest, now: Int64, effects: inout [StationEffect]) {
        let all = Array(connectors.indices)
        switch request.requestedMessage {
        case .bootNotification:
            if inFlight == nil { sendBoot(now: now, effects: &effects) } else { registration = .unregistered }
        case .heartbeat:
            enqueue(.heartbeat)
        case .statusNotification:
            for connectorId in request.connectorId.map({ [$0] }) ?? all {
                enqueueStatus(connectorId, now: now)
            }
        case .meterValues:
            for connectorId in request.connectorId.map({ [$0] }) ?? Array(all.dropFirst()) where connectorId > 0 {
                triggeredMeterValues(connectorId, now: now)
            }
        case .diagnosticsStatusNotification:
            enqueue(.diagnosticsStatus(diagnostics == .uploading ? .uploading : .idle))
        case .firmwareStatusNotification:
            let status: FirmwareStatus
            switch firmware {
            case .downloading: status = .downloading
            case .installing: status = .installing
            default: status = .idle
            }
            enqueue(.firmwareStatus(status))
        }
    }
}
