import CSMS
import Fleet
import Foundation
import Net

/// `ocpp-fleet csms`: the embedded CSMS alone, for fleets in other processes (`run --csms`).
struct CSMSCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["csms"],
        abstract: "Serve the embedded CSMS on HOST:PORT until interrupted.",
        options: declarations,
        discussion: """
            BADGES:
              By default the CSMS knows the badges the fleets of ocpp-fleet's profiles use, for any number of
              stations: each station's valid (Accepted), expired (Expired) and blocked (Blocked) badges and
              its app account; the profiles' unknown badges, and every other idTag, are Invalid.
              --badges FILE replaces them with a JSON object of idTag lists, every list optional:
                { "accepted": ["BADGE-1"], "blocked": ["STOLEN-7"], "expired": ["OLD-3"], "invalid": ["LOST-9"] }
              an idTag on no list is Invalid.

            PROCESSES:
              One process holds as many links as its open-file limit allows (ulimit -n). --processes N starts
              N-1 more processes of this same program on the same port; the kernel spreads the links over
              them. Each keeps its own stations and transactions (a station that reconnects may land on
              another one, which answers it as well), hands out transaction ids no other one does, and
              answers its share of --service-rate; the summary and csms.json add their counters up.

            At Ctrl-C it prints what it served (links, transactions, badges, messages, commands) and exits 0.
            """
    )

    static let listen = Option(
        "--listen", "HOST:PORT",
        help: "Address to listen on, e.g. 127.0.0.1:9000; a port another process listens on is refused",
        default: .required, as: HostPort.argument)
    static let heartbeatInterval = Option(
        "--heartbeat-interval", "S", help: "HeartbeatInterval given at boot, in seconds", default: .text("60"),
        as: Count.positive)
    static let answerDelay = Option(
        "--answer-delay", "MS", help: "Answer every message this many milliseconds late", default: .text("0"),
        as: Count.nonNegative)
    static let serviceRate = Option(
        "--service-rate", "N/s",
        help: "Answer at most N calls per second, queueing the rest: a CSMS of known capacity, whose latency "
            + "grows with the load beyond it; with --processes, each process answers its share",
        default: .described("no limit"), as: Rate.argument)
    static let fault = Option(
        "--fault", "SPEC", help: "Fail a share of calls on purpose: internal-error=1%,no-answer=0.5%",
        default: .described("none"), as: GivenFaultPlan.argument)
    static let badges = Option(
        "--badges", "FILE", help: "The badges to know, instead of those of ocpp-fleet's profiles (format below)",
        as: InputFile.argument)
    static let password = FleetOptions.password.with(help: "Require HTTP Basic auth with this password; never printed")
    static let report = SharedOptions.report.with(help: "At Ctrl-C, also write what was served into DIR/csms.json")
    static let processes = SharedOptions.processes.with(
        help: "Serve the port from N processes (SO_REUSEPORT), each holding up to its open-file limit of links",
        default: .text("1"))
    static let exitWithStdin = Flag(
        "--exit-with-stdin",
        help: "Exit at once when stdin reaches its end: a program that starts the CSMS with a pipe on its stdin, "
            + "and never closes it, knows the CSMS ends with it (tests, scripts)")
    static let sibling = Flag("--sibling", help: "A process serving its parent's port", hidden: true)
    static let processIndex = Option(
        "--process-index", "N", help: "Which of the --processes this one is (0 the first)", default: .text("0"),
        hidden: true, as: Count.nonNegative)
    static let startedAt = Option(
        "--started-at", "MS", help: "When the first process started, in ms since 1970", hidden: true,
        as: Count.nonNegative)

    /// Every option of `csms`, in the order `--help` lists them.
    static let declarations: [any OptionDeclaration] = [
        listen, heartbeatInterval, answerDelay, serviceRate, fault, badges, password, report, processes,
        exitWithStdin, sibling, startedAt, processIndex,
    ]

    var listen: HostPort
    var heartbeatInterval: Int
    var answerDelayMilliseconds: Int
    var serviceRate: Double?
    var faults: FaultPlan
    var badgeFile: String?
    var badges: [Badge]?
    var password: String?
    var report: String?
    var processes: Int
    /// This process serves the port of its parent, which probed it (``CSMSSiblings``).
    var isSibling: Bool
    /// Which of the ``processes`` this one is: 0 for the first, which starts the others.
    var processIndex: Int
    /// Quit when stdin ends (``ParentWatch``), as a sibling always does.
    var exitWithStdin: Bool
    /// When the first process started, in milliseconds since 1970: the badges' dates count from it.
    var startedAt: Int64?
    /// `--fault` as given, for the siblings.
    var faultText: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        listen = try arguments.value(Self.listen)
        heartbeatInterval = try arguments.value(Self.heartbeatInterval)
        answerDelayMilliseconds = try arguments.value(Self.answerDelay)
        serviceRate = try arguments.valueIfGiven(Self.serviceRate)
        if let serviceRate, serviceRate > 1_000_000 {
            throw UsageError("--service-rate is at most 1000000/s (one call per microsecond)", command: "csms")
        }
        let fault = try arguments.valueIfGiven(Self.fault)
        faults = fault?.plan ?? .none
        faultText = fault?.text
        badgeFile = try arguments.valueIfGiven(Self.badges)
        badges = try badgeFile.map { file throws(UsageError) in try BadgeFile.load(file) }
        password = try arguments.valueIfGiven(Self.password)
        report = try arguments.valueIfGiven(Self.report)
        processes = try arguments.value(Self.processes)
        isSibling = arguments.flag(Self.sibling)
        processIndex = try arguments.value(Self.processIndex)
        exitWithStdin = arguments.flag(Self.exitWithStdin) || isSibling
        if processIndex >= processes {
            throw UsageError("--process-index \(processIndex) is not one of --processes \(processes)", command: "csms")
        }
        startedAt = try arguments.valueIfGiven(Self.startedAt).map(Int64.init)
        if isSibling, password == nil {
            password = ProcessInfo.processInfo.environment[CSMSSiblings.passwordVariable]
        }
    }

    /// The badge list: the file's, or the rule that knows the profiles' badges from their idTags alone.
    func badgeList(start: Int64) -> BadgeList {
        if let badges { return BadgeList(badges) }
        return BadgeList(rule: { idTag in BadgeNaming.knownBadge(idTag: idTag, start: start) })
    }

    /// How this process answers: its share of `--service-rate` and of the transaction ids when several
    /// serve the port; `start` is when the first one started, in ms since 1970.
    func csmsConfiguration(start: Int64) -> CSMSConfiguration {
        var configuration = CSMSConfiguration(
            heartbeatInterval: heartbeatInterval, answerDelay: Int64(answerDelayMilliseconds), faults: faults,
            badges: badgeList(start: start), password: password, serviceRate: serviceRate.map { $0 / Double(processes) })
        configuration.transactionIDs = CSMSConfiguration.transactionIDs(process: processIndex, of: processes)
        return configuration
    }

    func run() async throws -> ExitCode {
        let started = Date()
        let startMillis = startedAt ?? Int64(started.timeIntervalSince1970 * 1000)
        let server = CSMSServer(
            configuration: csmsConfiguration(start: startMillis), loopCount: EventLoopGroup.loopCount(sharingWith: processes))
        let host = listen.host.contains(":") ? "[\(listen.host)]" : listen.host
        let port: UInt16
        if exitWithStdin { ParentWatch.start() }
        do {
            port = try await server.start(listen: "\(host):\(listen.port)", sharingPort: isSibling)
        } catch {
            throw UsageError("cannot listen on \(listen.host):\(listen.port): \(error)", command: "csms")
        }
        if isSibling { return await serveAsSibling(server) }
        let siblings = CSMSSiblings(command: self, port: port, startedAt: startMillis)
        do {
            try await siblings.start()
        } catch {
            await server.stop()
            await siblings.stop()
            Output.error("error: \(error)")
            return .badInput
        }
        let (interrupted, interrupt) = AsyncStream<Void>.makeStream()
        let watcher = InterruptWatcher(
            announcement: "stopping: closing the links, then what was served"
                + (report.map { " and \($0)/csms.json" } ?? "")
        ) { interrupt.finish() }
        let badgeSource = badgeFile.map { "\(badges?.count ?? 0) from \($0)" } ?? "those of ocpp-fleet's profiles"
        let spread = processes > 1 ? " in \(processes) processes" : ""
        let capacity = serviceRate.map { "at most \(String(format: "%.10g", $0)) calls/s; " } ?? ""
        Output.error(
            "embedded CSMS listening on ws://\(host):\(port)/<station id>\(spread) (\(capacity)badges: \(badgeSource); "
                + "Ctrl-C to stop)")
        for await _ in interrupted {}
        await server.stop()
        let served = await siblings.stop()
        withExtendedLifetime(watcher) {}
        var counters = server.counterSnapshot
        for sibling in served { counters.merge(sibling, uniquingKeysWith: +) }
        var summary = CSMSServedSummary(
            counters: counters, seconds: Date().timeIntervalSince(started),
            address: "\(host):\(port)", badges: badgeSource)
        if processes > 1 {
            summary.connectionsByProcess = ([server.counterSnapshot] + served).map { UInt64($0["stations.connections"] ?? 0) }
        }
        Output.standard(summary.text)
        if let report {
            let file = URL(fileURLWithPath: report).appendingPathComponent("csms.json")
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(summary.json.utf8).write(to: file, options: .atomic)
            } catch {
                Output.error("error: cannot write \(file.path): \(error)")
                return .badInput
            }
            Output.error("report written to \(file.path)")
        }
        return .ok
    }

    /// A sibling's life: it tells its parent it listens, serves until the parent forwards a stop, then
    /// hands it its counters (``CSMSSiblings``).
    private func serveAsSibling(_ server: CSMSServer) async -> ExitCode {
        let (interrupted, interrupt) = AsyncStream<Void>.makeStream()
        let watcher = InterruptWatcher(announcement: "") { interrupt.finish() }
        Output.standard(CSMSSiblings.readyLine)
        for await _ in interrupted {}
        await server.stop()
        withExtendedLifetime(watcher) {}
        Output.standard(CSMSSiblings.countersLine(server.counterSnapshot))
        return .ok
    }
}
