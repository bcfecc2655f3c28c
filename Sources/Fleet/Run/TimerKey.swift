import Station

/// A station's timer as one byte, so that a loop's timer tag can carry the station's slot and the timer:
/// `slot << 8 | key`. The runner's own timers of a station (its power-on and its next life step) have
/// keys of their own.
enum TimerKey {
    /// The station's power-on, at its place in the ramp.
    static let powerOn: UInt8 = 251
    /// The next step of the station's ``StationLife``.
    static let life: UInt8 = 250
    /// The end of the first of the station's link faults to end (a wall-clock deadline).
    static let faultEnd: UInt8 = 249

    /// The key of a station timer. Connector ids above 7 do not exist on a Green'Up.
    static func key(_ timer: StationTimer) -> UInt8 {
        switch timer {
        case .reconnect: 0
        case .bootRetry: 1
        case .heartbeat: 2
        case .callTimeout: 3
        case .transactionRetry: 4
        case .reset: 5
        case .bootCompleted: 6
        case .diagnostics: 7
        case .firmware: 8
        case .meterValues(let connector): 16 | UInt8(connector & 7)
        case .energy(let connector): 24 | UInt8(connector & 7)
        case .connectionTimeout(let connector): 32 | UInt8(connector & 7)
        case .statusReport(let connector): 40 | UInt8(connector & 7)
        case .reservationExpiry(let connector): 48 | UInt8(connector & 7)
        }
    }

    /// The station timer of a key, `nil` for the runner's own.
    static func timer(_ key: UInt8) -> StationTimer? {
        let connector = Int(key & 7)
        switch key {
        case 0: return .reconnect
        case 1: return .bootRetry
        case 2: return .heartbeat
        case 3: return .callTimeout
        case 4: return .transactionRetry
        case 5: return .reset
        case 6: return .bootCompleted
        case 7: return .diagnostics
        case 8: return .firmware
        case 16..<24: return .meterValues(connectorId: connector)
        case 24..<32: return .energy(connectorId: connector)
        case 32..<40: return .connectionTimeout(connectorId: connector)
        case 40..<48: return .statusReport(connectorId: connector)
        case 48..<56: return .reservationExpiry(connectorId: connector)
        default: return nil
        }
    }
}
