/// How the embedded CSMS behaves: what it answers, how late, how often it fails on purpose.
public struct CSMSConfiguration: Sendable {
    /// The heartbeat interval, in seconds, given to every station in its BootNotification answer.
    public var heartbeatInterval: Int
    /// How long, in milliseconds, every answer waits before it is sent (0: at once).
    public var answerDelay: Int64
    /// At most this many calls answered per second, the others queued behind them (a server of known
    /// capacity, see ``ServiceQueue``); `nil`: as fast as the machine goes.
    public var serviceRate: Double?
    /// Which share of the calls are failed on purpose.
    public var faults: FaultPlan
    /// The badges Authorize, StartTransaction and StopTransaction are checked against.
    public var badges: BadgeList
    /// When set, the socket server asks every station for HTTP Basic auth with this password
    /// (OCPP 1.6 security profile 1: the user name is the station id).
    public var password: String?
    /// The seed of the fault decisions: a run with the same seed fails the same calls.
    public var seed: UInt64
    /// How long, in milliseconds, a command waits for its station's answer before it counts as timed out.
    public var commandTimeout: Int64
    /// The transaction ids this CSMS hands out: all of OCPP's (a positive 32-bit integer) by default, a
    /// share of them for one of several processes serving one port (``transactionIDs(process:of:)``).
    public var transactionIDs: ClosedRange<Int> = 1...Int(Int32.max)

    /// The transaction ids of process `process` (0 first) of `processes` serving one port side by side:
    /// consecutive shares of 1…2³¹−1, so that a station that reconnects onto another process never gets
    /// an id another process handed out.
    public static func transactionIDs(process: Int, of processes: Int) -> ClosedRange<Int> {
        precondition(process >= 0 && process < processes, "process \(process) of \(processes)")
        let share = Int(Int32.max) / processes
        return (process * share + 1)...((process + 1) * share)
    }

    /// - Parameters:
    ///   - heartbeatInterval: seconds, sent in BootNotification answers.
    ///   - answerDelay: milliseconds every answer waits.
    ///   - faults: the share of calls failed on purpose.
    ///   - badges: the badge list; by default every badge is unknown, hence `Invalid`.
    ///   - password: the Basic auth password the socket server checks, or nil for none.
    ///   - seed: the seed of the fault decisions.
    ///   - commandTimeout: milliseconds a command waits for its answer.
    ///   - serviceRate: calls answered per second at most, or nil for no limit.
    public init(
        heartbeatInterval: Int = 300,
        answerDelay: Int64 = 0,
        faults: FaultPlan = .none,
        badges: BadgeList = BadgeList(),
        password: String? = nil,
        seed: UInt64 = 0,
        commandTimeout: Int64 = 30_000,
        serviceRate: Double? = nil
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.answerDelay = answerDelay
        self.faults = faults
        self.badges = badges
        self.password = password
        self.seed = seed
        self.commandTimeout = commandTimeout
        self.serviceRate = serviceRate
    }
}

extension CSMSConfiguration: CustomStringConvertible, CustomReflectable {
    /// The settings, with the password hidden: secrets never reach output, reports or traces.
    public var description: String {
        "heartbeat \(heartbeatInterval) s, answer delay \(answerDelay) ms, "
            + (serviceRate.map { "at most \($0) calls/s, " } ?? "")
            + "faults \(faults.internalErrorShare) "
            + "internal-error / \(faults.noAnswerShare) no-answer, \(badges.count) badges"
            + (badges.hasRule ? " and a naming rule, " : ", ")
            + "password \(password == nil ? "none" : "set"), seed \(seed), command timeout \(commandTimeout) ms"
    }

    /// What `dump` and debuggers show: the fields, the password replaced by `<hidden>`.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "heartbeatInterval": heartbeatInterval, "answerDelay": answerDelay, "faults": faults,
            "badges": badges.count, "password": password == nil ? "none" : "<hidden>", "seed": seed,
            "commandTimeout": commandTimeout, "serviceRate": serviceRate as Any,
        ], displayStyle: .struct)
    }
}
