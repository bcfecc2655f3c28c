/// The timers a station arms, each a small tag rather than a closure: arming a tag that is already armed
/// moves its deadline, and a tag fires back as ``StationEvent/timerFired(_:)``.
public enum StationTimer: Hashable, Sendable {
    /// Try the connection again (serverReconnectionTime, or the chosen policy).
    case reconnect
    /// Send BootNotification again (after Pending, Rejected or no answer).
    case bootRetry
    case heartbeat
    /// The CALL in flight has waited too long for its answer.
    case callTimeout
    /// The head of the queue may be sent again (TransactionMessageRetryInterval).
    case transactionRetry
    /// A Reset's grace period is over: the station reboots.
    case reset
    /// The station has finished booting and wants a connection.
    case bootCompleted
    /// The next step of an upload of diagnostics.
    case diagnostics
    /// The next step of a firmware update.
    case firmware
    /// Sample the meter of a connector's transaction (MeterValueSampleInterval).
    case meterValues(connectorId: Int)
    /// The power a connector draws changes: the EV tapers or is full, a charging schedule moves on.
    case energy(connectorId: Int)
    /// An authorized driver did not plug in within ConnectionTimeOut.
    case connectionTimeout(connectorId: Int)
    /// MinimumStatusDuration has passed: the connector's status may be reported.
    case statusReport(connectorId: Int)
    /// A reservation on a connector (0 for the whole station) expires.
    case reservationExpiry(connectorId: Int)
}

extension StationTimer {
    /// Whether the timer models the network or the CSMS rather than the station's own life: the wait for
    /// a CALL's answer, a reconnection, a BootNotification retry, a transaction message's retry (the time
    /// given to a CSMS that failed to process it). A runner over real sockets arms these on
    /// the wall clock, never scaled by the run's speed, so that a CSMS is given the time a real station
    /// gives it; the others run on station time.
    public var runsOnWallClock: Bool {
        switch self {
        case .callTimeout, .reconnect, .bootRetry, .transactionRetry: true
        default: false
        }
    }
}
