import OCPP

/// The commands the embedded CSMS sends a station when its plan says so, the same over sockets and in a
/// simulation. Their absolute times are on the station's own clock (`Station.clockTime(at:)`),
/// which a CSMS shares with its stations through BootNotification's currentTime: a retrieveDate or a
/// startSchedule of `now` then means now to the station too, whatever the run's speed.
enum CSMSCommand {
    /// Starts a session from the driver's app.
    static func remoteStart(connectorId: Int, idTag: String) -> CentralSystemRequest {
        .remoteStartTransaction(RemoteStartTransactionRequest(connectorId: connectorId, idTag: idTag))
    }

    /// Turns on `oCPPPlugAndCharge`, as an operator commissioning a plug-and-charge station does.
    static let plugAndChargeOn = CentralSystemRequest.changeConfiguration(
        ChangeConfigurationRequest(key: "oCPPPlugAndCharge", value: "true"))

    /// Asks for a firmware update to `version`, to retrieve at `now` (the station's clock, in milliseconds
    /// since the Unix epoch).
    static func updateFirmware(_ version: FirmwareVariant, now: Int64) -> CentralSystemRequest {
        .updateFirmware(UpdateFirmwareRequest(
            location: "https://firmware.invalid/greenup/\(version.rawValue).bin",
            retrieveDate: OCPPDateTime(millisecondsSinceEpoch: now)))
    }

    /// Caps the whole station from `now` (the station's clock) with a charge point maximum profile.
    static func chargingCap(_ limit: ChargingLimit, now: Int64) -> CentralSystemRequest {
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
        return .setChargingProfile(SetChargingProfileRequest(connectorId: 0, csChargingProfiles: profile))
    }
}
