import OCPP

// The life cycle: power, connection, BootNotification, Heartbeat, reconnection and reboot.
extension Station {
    mutating func powerOn(now: Int64, effects: inout [StationEffect]) {
        guard link == .off else { return }
        bootCompleted(effects: &effects)
    }

    mutating func bootCompleted(effects: inout [StationEffect]) {
        link = .connecting
        registration = .unregistered
        effects.append(.connect)
    }

    mutating func connected(now: Int64, effects: inout [StationEffect]) {
        guard link == .connecting || link == .disconnected else { return }
        link = .connected
        reconnectAttempts = 0
        effects.append(.cancelTimer(.reconnect))
        if registration == .accepted {
            // A reconnection without a new boot: what changed while offline is reported now.
            reportChangedStatuses(now: now, effects: &effects)
            startHeartbeat(now: now, effects: &effects)
        } else {
            sendBoot(now: now, effects: &effects)
        }
    }

    mutating func disconnected(now: Int64, effects: inout [StationEffect]) {
        guard link == .connected || link == .connecting else { return }
        link = .disconnected
        abandonInFlight(outcome: .connectionLost, now: now, effects: &effects)
        dropVolatileCalls()
        for connectorId in connectors.indices where connectors[connectorId].authorizing != nil {
            authorizeOffline(connectorId, now: now, effects: &effects)
        }
        if model.bootsOnReconnect || registration != .accepted { registration = .unregistered }
        effects.append(.cancelTimer(.heartbeat))
        effects.append(.cancelTimer(.bootRetry))
        effects.append(.cancelTimer(.transactionRetry))
        let delay = options.reconnection.delay(
            attempt: reconnectAttempts, serverReconnectionSeconds: configuration.integer(.serverReconnectionTime, in: model),
            random: &random)
        reconnectAttempts += 1
        effects.append(.armTimer(.reconnect, at: now.saturatingAdd(delay)))
    }

    mutating func reconnectDue(effects: inout [StationEffect]) {
        guard link == .disconnected else { return }
        link = .connecting
        effects.append(.connect)
    }

    mutating func sendBoot(now: Int64, effects: inout [StationEffect]) {
        guard link == .connected, inFlight == nil else {
            registration = .unregistered
            return
        }
        let request = BootNotificationRequest(
            chargePointVendor: model.vendor, chargePointModel: model.model, chargeBoxSerialNumber: identity.serialNumber,
            firmwareVersion: model.firmwareVersion, meterType: model.meterType)
        registration = .bootSent
        sendCall(.bootNotification(request), purpose: .boot, now: now, effects: &effects)
    }

    mutating func bootRetryDue(now: Int64, effects: inout [StationEffect]) {
        guard link == .connected, registration == .waiting || registration == .unregistered else { return }
        sendBoot(now: now, effects: &effects)
    }

    mutating func bootAnswered(_ response: BootNotificationResponse, now: Int64, effects: inout [StationEffect]) {
        if model.adoptsCSMSTime {
            clockOffsetMs = response.currentTime.millisecondsSinceEpoch.saturatingSubtract(now)
        }
        bootRejected = response.status == .rejected
        switch response.status {
        case .accepted:
            registration = .accepted
            if response.interval > 0 {
                // The CSMS's interval becomes the station's HeartbeatInterval, as the web page shows it,
                // within the range the key accepts.
                let interval = configuration.clamped(response.interval, into: .heartbeatInterval, in: model)
                configuration.set(.heartbeatInterval, to: .integer(interval), in: model)
            }
            startHeartbeat(now: now, effects: &effects)
            for connectorId in connectors.indices {
                connectors[connectorId].reportedStatus = nil
            }
            reportChangedStatuses(now: now, effects: &effects)
            if case .installed = firmware {
                firmware = .idle
                enqueue(.firmwareStatus(.installed))
            }
        case .pending, .rejected:
            registration = .waiting
            let retrySeconds =
                response.interval > 0
                ? configuration.clamped(response.interval, into: .confBottNotificationTime, in: model)
                : configuration.integer(.confBottNotificationTime, in: model)
            effects.append(.armTimer(.bootRetry, at: now.saturatingAdd(.milliseconds(seconds: retrySeconds))))
        }
    }

    mutating func bootFailed(now: Int64, effects: inout [StationEffect]) {
        registration = .waiting
        effects.append(.armTimer(.bootRetry, at: now.saturatingAdd(seconds(.confBottNotificationTime))))
    }

    mutating func startHeartbeat(now: Int64, effects: inout [StationEffect]) {
        heartbeatMs = seconds(.heartbeatInterval)
        effects.append(.armTimer(.heartbeat, at: now.saturatingAdd(heartbeatMs)))
    }

    mutating func heartbeatDue(now: Int64, effects: inout [StationEffect]) {
        guard isOnline else { return }
        effects.append(.armTimer(.heartbeat, at: now.saturatingAdd(heartbeatMs)))
        if queue.isEmpty, inFlight == nil {
            // Sent at once, as the queue would send it right after this event, but without the storage
            // an empty queue takes to hold it and gives back once drained: most CALLs of a fleet.
            send(PendingCall(message: .heartbeat), now: now, effects: &effects)
        } else if !queue.contains(where: { if case .heartbeat = $0.message { true } else { false } }) {
            enqueue(.heartbeat)
        }
    }

    /// A reboot: the link closes, volatile state goes, the station boots again after the model's boot time.
    /// Transactions must have been stopped before.
    mutating func reboot(now: Int64, effects: inout [StationEffect]) {
        if link == .connected || link == .connecting { effects.append(.closeConnection) }
        abandonInFlight(outcome: .connectionLost, now: now, effects: &effects)
        dropVolatileCalls()
        link = .off
        registration = .unregistered
        for timer in [StationTimer.heartbeat, .bootRetry, .transactionRetry, .reconnect, .callTimeout] {
            effects.append(.cancelTimer(timer))
        }
        for connectorId in connectors.indices {
            connectors[connectorId].authorizing = nil
            if connectors[connectorId].authorizedDriver != nil {
                connectors[connectorId].authorizedDriver = nil
                effects.append(.cancelTimer(.connectionTimeout(connectorId: connectorId)))
            }
            refreshStatus(connectorId, now: now, effects: &effects)
        }
        if case .installing(let upgrade) = firmware {
            if let upgraded = StationModel.named(upgrade) { model = upgraded }
            firmware = .installed
        }
        effects.append(.armTimer(.bootCompleted, at: now.saturatingAdd(model.timings.boot)))
    }

    mutating func powerCycle(now: Int64, effects: inout [StationEffect]) {
        stopAllTransactions(reason: .powerLoss, now: now, effects: &effects)
        reboot(now: now, effects: &effects)
    }
}
