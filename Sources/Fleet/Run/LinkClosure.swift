import Net

/// Why a station's link closed after it had opened, in the bounded words the report counts them by
/// (`connections.closed_by_reason`): who closed it, and the RFC 6455 close code where there was one.
enum LinkClosure: UInt8 {
    /// The run closed it as it ended (or was interrupted).
    case runEnd
    /// A `dropLinks` event (or `--fault drop`) cut it without a close frame, as a broken network would.
    case droppedByProfile
    /// A `dropLinks` event with `how: reset` reset it (TCP RST).
    case resetByProfile
    /// A `dropLinks` event with `how: close` closed it with a WebSocket close handshake (1001).
    case closedByProfile

    /// The closure of a link cut the way `how` says.
    static func dropped(_ how: LinkCut) -> LinkClosure {
        switch how {
        case .fin: .droppedByProfile
        case .reset: .resetByProfile
        case .close: .closedByProfile
        }
    }

    /// The report's word for a closure of ours.
    var reason: String {
        switch self {
        case .runEnd: "run_end"
        case .droppedByProfile: "dropped_by_profile"
        case .resetByProfile: "reset_by_profile"
        case .closedByProfile: "closed_by_profile"
        }
    }

    /// The station closed its link to reboot (Reset, firmware update).
    static let stationReboot = "station_reboot"

    /// The run powered the station off while the others went on (``FleetRunner/resize(to:)``).
    static let poweredOff = "powered_off"

    /// The report's word for a link the CSMS or the network closed: `csms_close_<code>` for a close
    /// handshake the CSMS started (1005 when its close frame had no code), the code we closed with when
    /// the CSMS broke RFC 6455 or OCPP-J, `no_close_frame`, `ping_timeout`, `tls_error`, or `other`.
    static func reason(_ reason: WebSocketCloseReason) -> String {
        switch reason {
        case .closed(let code, _):
            return "csms_close_\(code ?? 1005)"
        case .failed(let error):
            switch error.code {
            case .protocolViolation:
                switch error.sentCloseCode {
                case 1003: return "binary_frame_1003"
                case 1007: return "invalid_utf8_1007"
                case 1009: return "message_too_big_1009"
                default: return "protocol_error_1002"
                }
            case .abruptClose: return "no_close_frame"
            case .pingTimeout: return "ping_timeout"
            case .tlsFailure: return "tls_error"
            default: return "other"
            }
        }
    }
}
