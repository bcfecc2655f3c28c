import Station

extension StationTimer {
    /// How many timer slots a station has: nine station-wide timers, five per connector (0 to 4).
    static let slotCount = 9 + 5 * 5

    /// The timer's slot, where its generation is kept: arming or cancelling bumps it, so an earlier entry
    /// of the scheduler for the same timer is known stale when it fires.
    var slot: Int {
        switch self {
        case .reconnect: 0
        case .bootRetry: 1
        case .heartbeat: 2
        case .callTimeout: 3
        case .transactionRetry: 4
        case .reset: 5
        case .bootCompleted: 6
        case .diagnostics: 7
        case .firmware: 8
        case .meterValues(let connectorId): 9 + min(connectorId, 4)
        case .energy(let connectorId): 14 + min(connectorId, 4)
        case .connectionTimeout(let connectorId): 19 + min(connectorId, 4)
        case .statusReport(let connectorId): 24 + min(connectorId, 4)
        case .reservationExpiry(let connectorId): 29 + min(connectorId, 4)
        }
    }
}
