import OCPP

extension ChargingLimitProfile {
    /// The profile a CSMS sent, as the station keeps it.
    /// - Parameters:
    ///   - connectorId: where SetChargingProfile (or RemoteStartTransaction) put it.
    ///   - installedAt: the start of an Absolute schedule that names none.
    init(_ profile: ChargingProfile, connectorId: Int, installedAt: Int64) {
        let schedule = profile.chargingSchedule
        let kind: Kind
        switch profile.chargingProfileKind {
        case .absolute: kind = .absolute
        case .relative: kind = .relative
        case .recurring: kind = profile.recurrencyKind == .weekly ? .weekly : .daily
        }
        self.init(
            id: profile.chargingProfileId, connectorId: connectorId, transactionId: profile.transactionId,
            stackLevel: profile.stackLevel, purpose: Purpose(profile.chargingProfilePurpose), kind: kind,
            validFrom: profile.validFrom?.millisecondsSinceEpoch, validTo: profile.validTo?.millisecondsSinceEpoch,
            startSchedule: schedule.startSchedule?.millisecondsSinceEpoch
                ?? (kind == .absolute ? installedAt : nil),
            durationSeconds: schedule.duration, unit: schedule.chargingRateUnit == .w ? .watts : .amperes,
            periods: schedule.chargingSchedulePeriod.map {
                Period(startSeconds: $0.startPeriod, limit: $0.limit, phases: $0.numberPhases)
            },
            minChargingRate: schedule.minChargingRate)
    }
}

extension ChargingLimitProfile.Purpose {
    init(_ purpose: ChargingProfilePurposeType) {
        switch purpose {
        case .chargePointMaxProfile: self = .chargePointMax
        case .txDefaultProfile: self = .txDefault
        case .txProfile: self = .tx
        }
    }
}
