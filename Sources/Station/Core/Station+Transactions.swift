import OCPP

// Drivers and EVs: plug-in, badges, authorization, transactions and their messages.
extension Station {
    func isValidConnector(_ connectorId: Int) -> Bool {
        connectorId >= 1 && connectorId < connectors.count
    }

    /// Whether a connector can take a new driver now.
    func isUsable(_ connectorId: Int) -> Bool {
        let connector = connectors[connectorId]
        return connector.operative && connectors[0].operative && connector.fault == nil
            && connector.transaction == nil
    }

    /// Whether the reservations let `driver` take a connector: the connector's own reservation, and the
    /// station's (connectorId 0), for which one connector must stay free for its idTag (OCPP 1.6 §5.13).
    func reservationsAdmit(_ driver: Driver, on connectorId: Int) -> Bool {
        if let reservation = connectors[connectorId].reservation { return reservation.admits(driver) }
        guard let reservation = stationReservation, !reservation.admits(driver) else { return true }
        return (1..<connectors.count).contains { $0 != connectorId && connectors[$0].status == .available }
    }

    mutating func evPlugged(_ connectorId: Int, _ ev: EVCharacteristics, now: Int64, effects: inout [StationEffect]) {
        guard isValidConnector(connectorId), connectors[connectorId].ev == nil else { return }
        connectors[connectorId].ev = ev
        connectors[connectorId].meter.evPlugged(at: now)
        connectors[connectorId].finished = false
        if let driver = connectors[connectorId].authorizedDriver, isUsable(connectorId) {
            startTransaction(connectorId, driver, now: now, effects: &effects)
        } else if configuration.boolean(.oCPPPlugAndCharge, in: model), isUsable(connectorId),
            connectors[connectorId].authorizing == nil
        {
            let key: ConfigurationKey = model.connectors[connectorId - 1].side == .right ? .defaultIdTag1 : .defaultIdTag2
            let driver = Driver(idTag: configuration.text(key, in: model))
            if reservationsAdmit(driver, on: connectorId) {
                startTransaction(connectorId, driver, now: now, effects: &effects)
            }
        }
        refreshStatus(connectorId, now: now, effects: &effects)
    }

    mutating func evUnplugged(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard isValidConnector(connectorId), connectors[connectorId].ev != nil else { return }
        if connectors[connectorId].transaction != nil,
            configuration.boolean(.stopTransactionOnEVSideDisconnect, in: model)
        {
            stopTransaction(connectorId, reason: .evDisconnected, idTag: nil, now: now, effects: &effects)
        }
        connectors[connectorId].ev = nil
        connectors[connectorId].finished = false
        updatePower(connectorId, now: now, effects: &effects)
    }

    mutating func badge(_ connectorId: Int, _ idTag: String, now: Int64, effects: inout [StationEffect]) {
        guard isValidConnector(connectorId), connectors[connectorId].authorizing == nil else { return }
        if let transaction = connectors[connectorId].transaction {
            let driver = knownDriver(idTag, now: now)
            if transaction.driver.idTag == idTag
                || (transaction.driver.parentIdTag != nil && driver.parentIdTag == transaction.driver.parentIdTag)
            {
                stopTransaction(connectorId, reason: .local, idTag: idTag, now: now, effects: &effects)
            } else if isOnline {
                // Another badge of the same group may stop it: ask the CSMS for the badge's parent.
                connectors[connectorId].authorizing = driver
                enqueue(.authorize(connectorId: connectorId, AuthorizeRequest(idTag: idTag), forStop: true))
            }
            return
        }
        guard isUsable(connectorId) else { return }
        let driver = knownDriver(idTag, now: now)
        guard reservationsAdmit(driver, on: connectorId) else { return }
        authorize(connectorId, driver, now: now, effects: &effects)
    }

    /// What the station knows of a badge (its parent, from the local list or the cache).
    func knownDriver(_ idTag: String, now: Int64) -> Driver {
        let entry = authorization.lookup(
            idTag, listEnabled: configuration.boolean(.localAuthListEnabled, in: model),
            cacheEnabled: configuration.boolean(.authorizationCacheEnabled, in: model))
        return Driver(idTag: idTag, parentIdTag: entry?.parentIdTag)
    }

    /// Authorizes a driver to start on a connector: locally when LocalPreAuthorize allows it, else with
    /// Authorize, or by the offline rules when the CSMS cannot be reached.
    mutating func authorize(_ connectorId: Int, _ driver: Driver, now: Int64, effects: inout [StationEffect]) {
        let entry = authorization.lookup(
            driver.idTag, listEnabled: configuration.boolean(.localAuthListEnabled, in: model),
            cacheEnabled: configuration.boolean(.authorizationCacheEnabled, in: model))
        if isOnline {
            if configuration.boolean(.localPreAuthorize, in: model), entry?.status(at: clockTime(at: now)) == .accepted {
                authorized(connectorId, driver, now: now, effects: &effects)
            } else {
                // Preparing is reported before the Authorize goes out.
                connectors[connectorId].authorizing = driver
                refreshStatus(connectorId, now: now, effects: &effects)
                enqueue(.authorize(connectorId: connectorId, AuthorizeRequest(idTag: driver.idTag), forStop: false))
            }
        } else {
            connectors[connectorId].authorizing = driver
            authorizeOffline(connectorId, now: now, effects: &effects)
        }
    }

    /// The offline rules: LocalAuthorizeOffline for known badges, AllowOfflineTxForUnknownId for the others.
    mutating func authorizeOffline(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard let driver = connectors[connectorId].authorizing else { return }
        connectors[connectorId].authorizing = nil
        let entry = authorization.lookup(
            driver.idTag, listEnabled: configuration.boolean(.localAuthListEnabled, in: model),
            cacheEnabled: configuration.boolean(.authorizationCacheEnabled, in: model))
        let allowed: Bool
        if let entry {
            allowed = configuration.boolean(.localAuthorizeOffline, in: model) && entry.status(at: clockTime(at: now)) == .accepted
        } else {
            allowed = configuration.boolean(.allowOfflineTxForUnknownId, in: model)
        }
        if allowed, isUsable(connectorId) {
            authorized(connectorId, driver, now: now, effects: &effects)
        } else {
            refreshStatus(connectorId, now: now, effects: &effects)
        }
    }

    mutating func authorizeAnswered(
        _ connectorId: Int, _ idTag: String, _ info: IdTagInfo, forStop: Bool, now: Int64, effects: inout [StationEffect]
    ) {
        rememberIfCaching(idTag, info)
        guard let driver = connectors[connectorId].authorizing, driver.idTag == idTag else { return }
        connectors[connectorId].authorizing = nil
        let accepted = AuthorizationStore.Entry(info).status(at: clockTime(at: now)) == .accepted
        if forStop {
            if accepted, let transaction = connectors[connectorId].transaction,
                transaction.driver.parentIdTag != nil, info.parentIdTag == transaction.driver.parentIdTag
            {
                stopTransaction(connectorId, reason: .local, idTag: idTag, now: now, effects: &effects)
            }
        } else if accepted, isUsable(connectorId) {
            authorized(connectorId, Driver(idTag: idTag, parentIdTag: info.parentIdTag), now: now, effects: &effects)
        } else {
            refreshStatus(connectorId, now: now, effects: &effects)
        }
    }

    /// Every idTagInfo the CSMS sends updates the cache, when the cache is enabled.
    mutating func rememberIfCaching(_ idTag: String, _ info: IdTagInfo) {
        if configuration.boolean(.authorizationCacheEnabled, in: model) { authorization.remember(idTag, info) }
    }

    /// A driver may charge: start now if the EV is there, else wait ConnectionTimeOut for it.
    mutating func authorized(_ connectorId: Int, _ driver: Driver, now: Int64, effects: inout [StationEffect]) {
        if connectors[connectorId].ev != nil {
            startTransaction(connectorId, driver, now: now, effects: &effects)
        } else {
            connectors[connectorId].authorizedDriver = driver
            effects.append(
                .armTimer(.connectionTimeout(connectorId: connectorId), at: now.saturatingAdd(seconds(.connectionTimeOut))))
        }
        refreshStatus(connectorId, now: now, effects: &effects)
    }

    mutating func connectionTimedOut(_ connectorId: Int, now: Int64, effects: inout [StationEffect]) {
        guard connectors[connectorId].authorizedDriver != nil, connectors[connectorId].transaction == nil else { return }
        connectors[connectorId].authorizedDriver = nil
        profiles.removeTransactionProfiles(connectorId: connectorId)
        refreshStatus(connectorId, now: now, effects: &effects)
    }
}
