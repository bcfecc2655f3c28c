import Station

/// How a station of a plan is built: its model and firmware, its identity, its random stream and its
/// reconnection policy, the same whichever runner drives it.
enum StationSetup {
    /// The switched-off station of `plan` in a run seeded with `seed`.
    static func station(for plan: StationPlan, profile: Profile, seed: UInt64) -> Station {
        var stream = RandomStream(seed: seed, station: plan.index, purpose: .station)
        return Station(
            model: model(plan.model, plan.firmware),
            identity: StationIdentity(chargeBoxId: plan.id, serialNumber: serialNumber(plan.index)),
            seed: stream.next(),
            options: options(profile.reconnection))
    }

    /// The Station layer's model for a Green'Up reference on a firmware.
    static func model(_ model: GreenUpModel, _ firmware: FirmwareVariant) -> StationModel {
        switch (model, firmware) {
        case (.oneEV, .v01_01_65): .greenUp1VE
        case (.twoEV, .v01_01_65): .greenUp2VE
        case (.oneEV, .v01_17_00): .greenUp1VENewFirmware
        case (.twoEV, .v01_17_00): .greenUp2VENewFirmware
        }
    }

    /// The station's options for the profile's reconnection policy. The Green'Up's own (a fixed 30 s) is
    /// the station's serverReconnectionTime, so that a ChangeConfiguration of that key still moves it.
    static func options(_ policy: ReconnectionPolicy) -> StationOptions {
        switch policy {
        case .fixed(let interval) where interval == 30_000:
            StationOptions(reconnection: .serverReconnectionTime)
        case .fixed(let interval):
            StationOptions(reconnection: .exponentialBackoff(initialMs: interval, maxMs: interval, jitter: 0))
        case .exponential(let initial, let maximum, _, let jitter):
            StationOptions(reconnection: .exponentialBackoff(initialMs: initial, maxMs: maximum, jitter: jitter))
        }
    }

    /// A serial number unique in the fleet, six digits as the Green'Up's (`260988`).
    static func serialNumber(_ index: Int) -> String {
        String(100_000 + index % 900_000)
    }
}
