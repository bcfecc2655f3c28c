import CSMS
import Net

/// `ocpp-fleet csms`: the embedded CSMS alone, for a fleet in other processes.
struct CSMSCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["csms"],
        abstract: "Serve the embedded CSMS on HOST:PORT until interrupted.",
        options: [
            OptionSpec("--listen", value: "HOST:PORT", help: "Address to listen on (required), e.g. 127.0.0.1:9000."),
            OptionSpec("--heartbeat-interval", value: "S", help: "HeartbeatInterval given at boot, in seconds (default: 60)."),
            OptionSpec("--answer-delay", value: "MS", help: "Answer every message this many milliseconds late (default: 0)."),
            OptionSpec("--fault", value: "SPEC", help: "Fail a share of calls on purpose: internal-error=1%,no-answer=0.5% (default: none)."),
            OptionSpec("--password", value: "SECRET", help: "Require HTTP Basic auth with this password; never printed."),
        ]
    )

    var listen: HostPort
    var heartbeatInterval: Int
    var answerDelayMilliseconds: Int
    var faults: FaultPlan
    var password: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        guard let listen = try arguments.value("--listen", as: HostPort.argument) else {
            throw UsageError("option --listen HOST:PORT is required", command: "csms")
        }
        self.listen = listen
        heartbeatInterval = try arguments.value("--heartbeat-interval", as: Count.positive) ?? 60
        answerDelayMilliseconds = try arguments.value("--answer-delay", as: Count.nonNegative) ?? 0
        if let text = arguments.value("--fault") {
            do {
                faults = try FaultPlan(parsing: text)
            } catch {
                throw UsageError("invalid value '\(text)' for --fault: \(error)", command: "csms")
            }
        } else {
            faults = .none
        }
        password = arguments.value("--password")
    }

    func run() async throws -> ExitCode {
        let configuration = CSMSConfiguration(
            heartbeatInterval: heartbeatInterval, answerDelay: Int64(answerDelayMilliseconds), faults: faults,
            password: password)
        let server = CSMSServer(configuration: configuration, loopCount: EventLoopGroup.coreCount)
        let port: UInt16
        do {
            let host = listen.host.contains(":") ? "[\(listen.host)]" : listen.host
            port = try await server.start(listen: "\(host):\(listen.port)")
        } catch {
            throw UsageError("cannot listen on \(listen.host):\(listen.port): \(error)", command: "csms")
        }
        let (interrupted, interrupt) = AsyncStream<Void>.makeStream()
        let watcher = InterruptWatcher { interrupt.finish() }
        Output.error("embedded CSMS listening on ws://\(listen.host):\(port)/<station id> (Ctrl-C to stop)")
        for await _ in interrupted {}
        await server.stop()
        withExtendedLifetime(watcher) {}
        let counters = server.counterSnapshot.sorted { $0.key < $1.key }
        Output.standard(counters.map { name, value in
            "\(name) \(value == value.rounded() ? String(Int64(value)) : String(value))"
        }.joined(separator: "\n"))
        return .ok
    }
}
