import Metrics

/// Why a run could not take place, or could not finish.
///
/// ``isCSMSUnreachable`` tells the command line to exit with code 3; ``reason`` then says how the
/// connections failed, in a word a script can test, and ``description`` says it for a person.
public struct FleetRunError: Error, Sendable, CustomStringConvertible {
    /// How connecting to the CSMS failed when no station could connect at all.
    public enum UnreachableReason: String, Sendable {
        /// Nothing listens at the address.
        case refused
        /// The host name did not resolve.
        case notResolved = "not_resolved"
        /// Connecting (TCP, TLS or the upgrade) took longer than the connect timeout.
        case timeout
        /// The TLS handshake failed (certificate, protocol).
        case tls
        /// The server answered the WebSocket upgrade with another HTTP status than 101.
        case httpStatus = "http_status"
        /// The server did not accept the `ocpp1.6` subprotocol.
        case subprotocol
        /// Another failure of the link or its handshake.
        case other
    }

    private enum Code: Sendable {
        case unreachable(UnreachableReason, detail: String)
        case invalidConfiguration(String)
        case trace(path: String, reason: String)
        case embeddedCSMS(String)
        case restartFailed(String)
        case metricsServer(String)
    }

    private let code: Code
    /// The report of a run that could not reach the CSMS: its attempts, counted by how they failed
    /// (`connections.failed_by_reason`), for `--report`; of a run that went to its end but could not
    /// write its trace; or of a run whose embedded CSMS could not come back after a restart, up to then
    /// (marked interrupted); `nil` for the other errors, where nothing ran.
    public let report: RunReport?

    private init(_ code: Code, report: RunReport? = nil) {
        self.code = code
        self.report = report
    }

    /// No station could connect within the connect timeout; `detail` is the first failure, for a person.
    /// - Parameter report: what the run recorded until it gave up, when it got that far.
    static func unreachable(_ reason: UnreachableReason, detail: String, report: RunReport? = nil) -> FleetRunError {
        FleetRunError(.unreachable(reason, detail: detail), report: report)
    }

    /// The configuration cannot run (no station in the shard, a speed of zero, a bad URL or address).
    static func invalidConfiguration(_ why: String) -> FleetRunError {
        FleetRunError(.invalidConfiguration(why))
    }

    /// The trace file could not be opened, or written (`report` is then the run's).
    static func trace(path: String, reason: String, report: RunReport? = nil) -> FleetRunError {
        FleetRunError(.trace(path: path, reason: reason), report: report)
    }

    /// The embedded CSMS could not start.
    static func embeddedCSMS(_ why: String) -> FleetRunError {
        FleetRunError(.embeddedCSMS(why))
    }

    /// The embedded CSMS could not listen again after a profile's `restartCSMS` took it down; the run
    /// stopped there (``report`` is its report, once the runner has added it).
    static func restartFailed(_ why: String) -> FleetRunError {
        FleetRunError(.restartFailed(why))
    }

    /// The same error with the report of the run it ended.
    func with(report: RunReport) -> FleetRunError {
        FleetRunError(code, report: report)
    }

    /// The Prometheus endpoint could not start.
    static func metricsServer(_ why: String) -> FleetRunError {
        FleetRunError(.metricsServer(why))
    }

    /// Whether the CSMS could not be reached at all: exit code 3.
    public var isCSMSUnreachable: Bool {
        if case .unreachable = code { return true }
        return false
    }

    /// How the connections failed, when the CSMS could not be reached.
    public var reason: UnreachableReason? {
        if case .unreachable(let reason, _) = code { return reason }
        return nil
    }

    public var description: String {
        switch code {
        case .unreachable(_, let detail):
            // For a person: the reason's name is for scripts (``reason``) and the report.
            "could not reach the CSMS: \(detail)"
        case .invalidConfiguration(let why):
            why
        case .trace(let path, let reason):
            "cannot write the trace to \(path): \(reason)"
        case .embeddedCSMS(let why):
            "cannot start the embedded CSMS: \(why)"
        case .restartFailed(let why):
            "the embedded CSMS did not come back from its restart, and the run stopped there: \(why)"
        case .metricsServer(let why):
            "cannot serve metrics: \(why)"
        }
    }
}
