import Station

/// A station's timer as one small number, the one encoding of both backends: a station timer, or one of
/// the host's own timers of a station (its power-on, the next step of its ``StationLife``, the end of
/// its link faults). Over sockets a loop's timer tag is `slot << 8 | code`; in virtual time the code picks
/// the station's generation counter that tells a re-armed or cancelled timer's stale entries apart.
struct HostTimer: Hashable, Sendable {
    /// The number, below ``count``.
    let code: UInt8

    /// How many codes there are: nine station-wide timers, five per connector (0 to 4; a Green'Up has
    /// at most two), and the host's three.
    static let count = 9 + 5 * 5 + 3

    /// The station's power-on, at its place in the ramp or in its plan.
    static let powerOn = HostTimer(code: 34)
    /// The next step of the station's ``StationLife``.
    static let life = HostTimer(code: 35)
    /// The end of the first of the station's link faults to end (a wall-clock deadline).
    static let faultEnd = HostTimer(code: 36)

    /// The codes of the meter-values timers, one per connector.
    static var meterValues: Range<UInt8> {
        HostTimer(.meterValues(connectorId: 0)).code..<HostTimer(.energy(connectorId: 0)).code
    }

    private init(code: UInt8) {
        self.code = code
    }

    /// The code of a station timer read back from a tag or an index; `nil` when out of range.
    init?(truncating code: UInt8) {
        guard Int(code) < Self.count else { return nil }
        self.code = code
    }

    init(_ timer: StationTimer) {
        switch timer {
        case .reconnect: code = 0
        case .bootRetry: code = 1
        case .heartbeat: code = 2
        case .callTimeout: code = 3
        case .transactionRetry: code = 4
        case .reset: code = 5
        case .bootCompleted: code = 6
        case .diagnostics: code = 7
        case .firmware: code = 8
        case .meterValues(let connectorId): code = 9 + Self.connector(connectorId)
        case .energy(let connectorId): code = 14 + Self.connector(connectorId)
        case .connectionTimeout(let connectorId): code = 19 + Self.connector(connectorId)
        case .statusReport(let connectorId): code = 24 + Self.connector(connectorId)
        case .reservationExpiry(let connectorId): code = 29 + Self.connector(connectorId)
        }
    }

    /// The station timer of the code, `nil` for the host's own.
    var stationTimer: StationTimer? {
        let connector = (Int(code) + 1) % 5
        switch code {
        case 0: return .reconnect
        case 1: return .bootRetry
        case 2: return .heartbeat
        case 3: return .callTimeout
        case 4: return .transactionRetry
        case 5: return .reset
        case 6: return .bootCompleted
        case 7: return .diagnostics
        case 8: return .firmware
        case 9..<14: return .meterValues(connectorId: connector)
        case 14..<19: return .energy(connectorId: connector)
        case 19..<24: return .connectionTimeout(connectorId: connector)
        case 24..<29: return .statusReport(connectorId: connector)
        case 29..<34: return .reservationExpiry(connectorId: connector)
        default: return nil
        }
    }

    private static func connector(_ id: Int) -> UInt8 {
        // Profiles name charging points 1 and 2 only, and a station takes commands for its own connectors.
        precondition((0...4).contains(id), "connector \(id) of a station: a Green'Up has connectors 0 to 4")
        return UInt8(id)
    }
}
