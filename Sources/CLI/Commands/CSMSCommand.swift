/// `ocpp-fleet csms`: the embedded CSMS alone, for a fleet in other processes.
struct CSMSCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["csms"],
        abstract: "Serve the embedded CSMS on HOST:PORT until interrupted.",
        options: [
            OptionSpec("--listen", value: "HOST:PORT", help: "Address to listen on (required), e.g. 127.0.0.1:9000."),
            OptionSpec("--heartbeat-interval", value: "S", help: "HeartbeatInterval given at boot, in seconds (default: 60)."),
            OptionSpec("--answer-delay", value: "MS", help: "Answer every message this many milliseconds late (default: 0)."),
            OptionSpec("--fault", value: "SHARE", help: "Share of messages answered with an InternalError, e.g. 1% (default: 0)."),
            OptionSpec("--password", value: "SECRET", help: "Require HTTP Basic auth with this password; never printed."),
        ]
    )

    var listen: HostPort
    var heartbeatInterval: Int
    var answerDelayMilliseconds: Int
    var faultShare: Double
    var password: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        try arguments.expectPositionals(atMost: 0)
        guard let listen = try arguments.value("--listen", as: HostPort.argument) else {
            throw UsageError("option --listen HOST:PORT is required", command: "csms")
        }
        self.listen = listen
        heartbeatInterval = try arguments.value("--heartbeat-interval", as: Count.positive) ?? 60
        answerDelayMilliseconds = try arguments.value("--answer-delay", as: Count.nonNegative) ?? 0
        faultShare = try arguments.value("--fault", as: Count.fraction) ?? 0
        password = arguments.value("--password")
    }

    func run() async throws -> ExitCode {
        throw UsageError("'csms' is not available yet in this build", command: Self.configuration.name)
    }
}
