import Net

/// Why a station's connection attempt failed, in the bounded words the report counts them by
/// (`connections.failed.<reason>`) and the reason a run gives when the CSMS was unreachable.
struct ConnectFailure: Sendable {
    /// The report's word: `refused`, `not_resolved`, `timeout`, `tls`, `http_status`, `subprotocol`,
    /// `handshake`, `closed`, `protocol`, `system`, or `run_end` and `dropped_by_profile` for attempts we
    /// cut short.
    let reason: String
    /// The same, as the run's error names it.
    let unreachableReason: FleetRunError.UnreachableReason
    /// What happened, for a person (never holds the password: the Net layer does not put it in errors).
    let detail: String

    init(_ error: NetError) {
        detail = error.description
        switch error.code {
        case .connectionRefused: (reason, unreachableReason) = ("refused", .refused)
        case .nameNotResolved: (reason, unreachableReason) = ("not_resolved", .notResolved)
        case .connectTimeout: (reason, unreachableReason) = ("timeout", .timeout)
        case .tlsFailure: (reason, unreachableReason) = ("tls", .tls)
        case .handshakeRejected: (reason, unreachableReason) = ("http_status", .httpStatus)
        case .subprotocolRefused: (reason, unreachableReason) = ("subprotocol", .subprotocol)
        case .handshakeFailed: (reason, unreachableReason) = ("handshake", .other)
        case .abruptClose: (reason, unreachableReason) = ("closed", .other)
        case .protocolViolation: (reason, unreachableReason) = ("protocol", .other)
        default: (reason, unreachableReason) = ("system", .other)
        }
    }

    /// An attempt we cut short ourselves (the run ended while it was opening): not the CSMS's doing.
    init(cutShort closing: LinkClosure, _ reason: WebSocketCloseReason) {
        self.reason = closing.reason
        unreachableReason = .other
        detail = reason.description
    }

    /// A link that closed with a close handshake before it opened.
    init(closedBeforeOpening reason: WebSocketCloseReason) {
        self.reason = "closed"
        unreachableReason = .other
        detail = reason.description
    }
}
