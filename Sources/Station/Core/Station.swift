import OCPP

/// A virtual Legrand Green'Up: an OCPP 1.6J charge point as a state machine without I/O.
///
/// Feed it ``StationEvent``s with the time they happen; it appends ``StationEffect``s (frames to send,
/// timers to arm, connections to open or close) to a buffer you own:
///
/// ```swift
/// var station = Station(model: .greenUp2VE, identity: StationIdentity(chargeBoxId: "GU00001", serialNumber: "260988"), seed: 1)
/// var effects: [StationEffect] = []
/// station.handle(.powerOn, now: clock, effects: &effects)   // -> .connect
/// station.handle(.connected, now: clock, effects: &effects) // -> .send(BootNotification), .armTimer(.callTimeout, ...)
/// ```
///
/// The model's data (configuration table, sockets, identity) is shared by every station of that model;
/// a station stores its overrides and its state only.
public struct Station: Sendable {
    enum Link: Sendable, Equatable {
        /// Switched off, or rebooting.
        case off
        case disconnected
        case connecting
        case connected
    }

    enum Registration: Sendable, Equatable {
        /// A BootNotification is due when connected.
        case unregistered
        case bootSent
        /// Pending, Rejected or unanswered: waiting for ``StationTimer/bootRetry``.
        case waiting
        case accepted
    }

    /// How many CALLs given up on (timed out) the station remembers, so that their answers, if they still
    /// come, count as late rather than as the CSMS's faults. One CALL is in flight at a time and each waits
    /// confBasicTime at least, so a handful covers any CSMS that answers at all.
    public static let lateAnswerMemory = 4

    /// The most CALLs a station keeps waiting to be sent, offline or not: about four hours of meter values
    /// of two charging points at the Green'Up's 30 s interval, with their transactions. Past it a
    /// transaction message is lost, and reported (``LostMessage/Reason/queueFull``), rather than the
    /// station's memory growing without end while its CSMS is away; each queued message costs a few
    /// hundred bytes.
    public static let offlineQueueCapacity = 1_000

    /// The furthest ahead a station arms a timer, in milliseconds: a deadline further away (a reservation
    /// or a firmware download years ahead, an EV that would take centuries to fill) is armed at this horizon
    /// and checked again when it fires, so that no runner is handed an absurd deadline.
    public static let timerHorizonMs: Int64 = 366 * 86_400_000

    public internal(set) var model: StationModel
    public let identity: StationIdentity
    let options: StationOptions
    var configuration = ConfigurationStore()
    var random: SeededGenerator
    var link = Link.off
    var registration = Registration.unregistered
    /// The CSMS answered the last BootNotification with Rejected: until it accepts the station (or puts
    /// it Pending), the station answers none of its CALLs (OCPP 1.6 §4.2).
    var bootRejected = false
    /// The station's own clock minus the runner's `now`, in milliseconds: set from BootNotification's
    /// currentTime, so that the times the station writes and the times the CSMS sends mean the same instant.
    public internal(set) var clockOffsetMs: Int64 = 0
    /// The CALLs that timed out, newest last, at most ``lateAnswerMemory``.
    var timedOutCalls: [(messageId: MessageID, action: Action)] = []
    var reconnectAttempts = 0
    /// The HeartbeatInterval in force, in milliseconds (the CSMS's, or the configured one).
    var heartbeatMs: Int64 = 0
    /// Connectors by connectorId; index 0 is the station as a whole.
    var connectors: [Connector]
    var queue: [PendingCall] = []
    var inFlight: InFlightCall?
    var authorization = AuthorizationStore()
    var profiles = ChargingProfileSet()
    var nextLocalTransaction: UInt32 = 1
    var diagnostics = DiagnosticsStatus.idle
    var diagnosticsLocationSupported = true
    var firmware = FirmwareJob.idle

    /// Creates a station, switched off: send ``StationEvent/powerOn`` to start it.
    /// - Parameters:
    ///   - model: shared by all stations of the model; see ``StationModel/catalog``.
    ///   - seed: the station's random stream (message ids, reconnection jitter).
    public init(model: StationModel, identity: StationIdentity, seed: UInt64, options: StationOptions = StationOptions()) {
        self.model = model
        self.identity = identity
        self.options = options
        self.random = SeededGenerator(seed: seed)
        self.connectors = Array(repeating: Connector(), count: model.connectorCount + 1)
    }

    /// Handles one event at time `now` (milliseconds since the Unix epoch), appending what the runner must do.
    public mutating func handle(_ event: StationEvent, now: Int64, effects: inout [StationEffect]) {
        switch event {
        case .powerOn: powerOn(now: now, effects: &effects)
        case .connected: connected(now: now, effects: &effects)
        case .disconnected: disconnected(now: now, effects: &effects)
        case .frameReceived(let bytes): bytes.withUnsafeBytes { received($0, now: now, effects: &effects) }
        case .timerFired(let timer): fired(timer, now: now, effects: &effects)
        case .evPlugged(let connectorId, let ev): evPlugged(connectorId, ev, now: now, effects: &effects)
        case .evUnplugged(let connectorId): evUnplugged(connectorId, now: now, effects: &effects)
        case .badgePresented(let connectorId, let idTag): badge(connectorId, idTag, now: now, effects: &effects)
        case .powerCycle: powerCycle(now: now, effects: &effects)
        case .connectorFaulted(let connectorId, let errorCode): faulted(connectorId, errorCode, now: now, effects: &effects)
        case .connectorFaultCleared(let connectorId): faultCleared(connectorId, now: now, effects: &effects)
        }
        sendNext(now: now, effects: &effects)
        releaseDrainedQueue()
    }

    /// Handles a CALLRESULT from a CSMS in the same process, given as its typed value: the station acts
    /// exactly as on ``StationEvent/frameReceived(_:)`` with the JSON of `response`, without that JSON
    /// being written or read.
    /// - Parameters:
    ///   - response: the answer.
    ///   - messageId: the id of the CALL it answers.
    public mutating func handle(
        answer response: StationResponse, messageId: String, now: Int64, effects: inout [StationEffect]
    ) {
        received(.typed(response, messageId: messageId), now: now, effects: &effects)
        sendNext(now: now, effects: &effects)
    }

    /// Handles one WebSocket text message from the CSMS, read where it lies: the station acts exactly as on
    /// ``StationEvent/frameReceived(_:)`` with the same bytes, and copies out of `text` only what it keeps
    /// (the message id of a CALL to answer, the values of a request or answer), so that a runner can hand it
    /// its read buffer.
    /// - Parameters:
    ///   - text: the message's UTF-8 text, read during the call only.
    public mutating func handle(received text: UnsafeRawBufferPointer, now: Int64, effects: inout [StationEffect]) {
        received(text, now: now, effects: &effects)
        sendNext(now: now, effects: &effects)
        releaseDrainedQueue()
    }

    /// Gives the queue's storage back once every CALL in it has left: a station idles between its CALLs
    /// most of its life, and an empty queue that kept its capacity would hold room for a few hundred
    /// bytes of ``PendingCall``s in each of thousands of idle stations.
    private mutating func releaseDrainedQueue() {
        if queue.isEmpty, queue.capacity > 0 { queue = [] }
    }

    private mutating func fired(_ timer: StationTimer, now: Int64, effects: inout [StationEffect]) {
        switch timer {
        case .reconnect: reconnectDue(effects: &effects)
        case .bootRetry: bootRetryDue(now: now, effects: &effects)
        case .heartbeat: heartbeatDue(now: now, effects: &effects)
        case .callTimeout: callTimedOut(now: now, effects: &effects)
        case .transactionRetry: retryDue()  // sendNext, which follows every event, sends it.
        case .reset: reboot(now: now, effects: &effects)
        case .bootCompleted: bootCompleted(effects: &effects)
        case .diagnostics: diagnosticsStep(now: now, effects: &effects)
        case .firmware: firmwareStep(now: now, effects: &effects)
        case .meterValues(let connectorId): sampleDue(connectorId, now: now, effects: &effects)
        case .energy(let connectorId): updatePower(connectorId, now: now, effects: &effects)
        case .connectionTimeout(let connectorId): connectionTimedOut(connectorId, now: now, effects: &effects)
        case .statusReport(let connectorId): reportStatus(connectorId, now: now, effects: &effects)
        case .reservationExpiry(let connectorId): reservationExpired(connectorId, now: now, effects: &effects)
        }
    }

    // MARK: - What a runner or a test may read

    /// The status of a connector (0 for the station).
    public func status(of connectorId: Int) -> ChargePointStatus {
        connectors[connectorId].status
    }

    /// The transactionId the CSMS gave to the transaction running on a connector, if any.
    public func transactionId(on connectorId: Int) -> Int? {
        connectors[connectorId].transaction?.id
    }

    /// Whether a transaction runs on a connector (known to the CSMS or not yet).
    public func hasTransaction(on connectorId: Int) -> Bool {
        connectors[connectorId].transaction != nil
    }

    /// Whether an EV is plugged into a connector (or assumed plugged, for a remote start).
    public func hasEV(on connectorId: Int) -> Bool {
        connectors[connectorId].ev != nil
    }

    /// The energy register of a connector, in Wh, as of its last update.
    public func registerWh(of connectorId: Int) -> Double {
        connectors[connectorId].meter.registerWh
    }

    /// The power a connector delivers now, in watts.
    public func powerW(of connectorId: Int) -> Double {
        connectors[connectorId].meter.powerW
    }

    /// Whether the CSMS accepted the station's BootNotification on the current connection.
    public var isRegistered: Bool { registration == .accepted }

    /// Whether the link to the CSMS is open.
    public var isConnected: Bool { link == .connected }

    /// How many CALLs wait to be sent (transaction messages kept while offline among them).
    public var queuedCalls: Int { queue.count }

    /// How many transaction messages (StartTransaction, MeterValues, StopTransaction) the station holds
    /// that the CSMS has not answered: queued, waiting for a retry, or in flight.
    public var unansweredTransactionMessages: Int {
        let inFlightOne = if case .queued(let call) = inFlight?.purpose, call.isTransactional { 1 } else { 0 }
        return queue.reduce(inFlightOne) { $0 + ($1.isTransactional ? 1 : 0) }
    }

    /// Whether the station waits for its next try to connect (``StationTimer/reconnect``).
    public var awaitsReconnection: Bool { link == .disconnected }

    /// Whether the station is off: not powered on yet, or rebooting until ``StationTimer/bootCompleted``.
    public var isOff: Bool { link == .off }

    /// When the oldest transaction message waiting to be sent was produced, on the runner's clock (the
    /// `now` it was handled at); nil when none waits. Its age is how long the CSMS has not known it.
    public var oldestQueuedAt: Int64? {
        queue.first { $0.queuedAt != nil }?.queuedAt
    }

    /// The value GetConfiguration would report for a key.
    public func configurationText(_ key: ConfigurationKey) -> String {
        if key == .uiD, !configuration.isOverridden(.uiD) { return identity.chargeBoxId }
        return configuration.text(key, in: model)
    }

    /// The time on the station's own clock (the CSMS's, once a BootNotification answer gave it) when the
    /// runner's clock reads `now`, in milliseconds since the epoch.
    public func clockTime(at now: Int64) -> Int64 {
        now.saturatingAdd(clockOffsetMs)
    }

    /// The local time the station writes into its messages.
    func timestamp(_ now: Int64) -> OCPPDateTime {
        OCPPDateTime(millisecondsSinceEpoch: clockTime(at: now), utcOffsetMinutes: model.utcOffsetMinutes)
    }

    /// When, on the runner's clock, to fire a timer for `instant` on the station's clock: never before
    /// `now`, never after ``timerHorizonMs`` from it (the timer's handler checks the instant again).
    func deadline(for instant: Int64, now: Int64) -> Int64 {
        min(max(now, instant.saturatingSubtract(clockOffsetMs)), now.saturatingAdd(Self.timerHorizonMs))
    }

    func seconds(_ key: ConfigurationKey) -> Int64 {
        .milliseconds(seconds: configuration.integer(key, in: model))
    }

    var isOnline: Bool { link == .connected && registration == .accepted }

    /// A reservation of the station as a whole (ReserveNow on connectorId 0): connector 0's, the one that
    /// stands for the station, so that a station without one keeps no room for it.
    var stationReservation: Reservation? {
        get { connectors[0].reservation }
        set { connectors[0].reservation = newValue }
    }
}
