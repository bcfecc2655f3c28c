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
    /// The HTTP status the CSMS refused the upgrade with (`503`), for `http_status`.
    private(set) var httpStatus: String?

    /// Whether the CSMS (or the network to it) made the attempt fail: refused, reset, unanswered, or
    /// turned away with an HTTP status; not a bad URL, a TLS setting or an attempt we cut short.
    var isTheCSMSs: Bool {
        ["refused", "timeout", "http_status", "closed"].contains(reason)
    }

    init(_ error: NetError) {
        detail = error.description
        switch error.code {
        case .connectionRefused: (reason, unreachableReason) = ("refused", .refused)
        case .nameNotResolved: (reason, unreachableReason) = ("not_resolved", .notResolved)
        case .connectTimeout: (reason, unreachableReason) = ("timeout", .timeout)
        case .tlsFailure: (reason, unreachableReason) = ("tls", .tls)
        case .handshakeRejected:
            (reason, unreachableReason) = ("http_status", .httpStatus)
            httpStatus = Self.httpStatus(in: error.description)
        case .subprotocolRefused: (reason, unreachableReason) = ("subprotocol", .subprotocol)
        case .handshakeFailed: (reason, unreachableReason) = ("handshake", .other)
        case .abruptClose: (reason, unreachableReason) = ("closed", .other)
        case .protocolViolation: (reason, unreachableReason) = ("protocol", .other)
        default: (reason, unreachableReason) = ("system", .other)
        }
    }

    /// The status of the status line `error` quotes (`… HTTP/1.1 503 Service Unavailable`): the three
    /// digits after the version.
    static func httpStatus(in description: String) -> String? {
        guard let version = description.firstRange(of: "HTTP/") else { return nil }
        let status = description[version.upperBound...].drop { $0 != " " }.dropFirst().prefix(3)
        return status.count == 3 && status.allSatisfy(\.isASCII) && status.allSatisfy(\.isNumber) ? String(status) : nil
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
