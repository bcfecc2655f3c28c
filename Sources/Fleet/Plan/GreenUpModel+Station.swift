import Station

extension GreenUpModel {
    /// The Station layer's model for this reference running `firmware`.
    func stationModel(firmware: FirmwareVariant) -> StationModel {
        switch (self, firmware) {
        case (.oneEV, .v01_01_65): .greenUp1VE
        case (.oneEV, .v01_17_00): .greenUp1VENewFirmware
        case (.twoEV, .v01_01_65): .greenUp2VE
        case (.twoEV, .v01_17_00): .greenUp2VENewFirmware
        }
    }
}

extension ReconnectionStrategy {
    /// The Station layer's options for this strategy: a fixed wait is a backoff that never grows.
    var stationOptions: StationOptions {
        switch self {
        case .greenUp:
            StationOptions(reconnection: .serverReconnectionTime)
        case .fixed(let interval):
            StationOptions(reconnection: .exponentialBackoff(initialMs: interval, maxMs: interval, jitter: 0))
        case .exponential(let initial, let maximum, let jitter):
            StationOptions(reconnection: .exponentialBackoff(initialMs: initial, maxMs: maximum, jitter: jitter))
        case .retryBackOff(let minimum, let range, let repeatTimes):
            StationOptions(
                reconnection: .retryBackOff(waitMinimumMs: minimum, randomRangeMs: range, repeatTimes: repeatTimes))
        }
    }
}
