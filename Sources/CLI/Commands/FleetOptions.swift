import Fleet
import Foundation

/// The options that say which fleet runs and how its stations reach the CSMS, taken alike by `run` and
/// `capacity`: declared once, read once, checked once.
struct FleetOptions: Sendable, Equatable {
    static let csms = Option(
        "--csms", "URL", help: "ws:// or wss:// URL of the CSMS; station k connects to URL/<id>",
        default: .described("the embedded CSMS on loopback"), as: CSMSURL.argument)
    static let profile = Option(
        "--profile", "NAME|FILE", help: "A built-in profile (see 'ocpp-fleet profile list') or a profile file",
        default: .described("the built-in 'default'"), as: ProfileArgument.argument)
    static let speed = Option(
        "--speed", "X", help: "Station-time compression: 60 runs one simulated minute per second",
        default: .described("1 with --csms, 60 against the embedded CSMS"), as: Count.positiveReal)
    static let seed = Option("--seed", "N", help: "Seed of every random choice", default: .text("1"), as: Count.seed)
    static let password = Option(
        "--password", "SECRET",
        help: "HTTP Basic password of every station (OCPP security profiles 1 and 2); never printed",
        as: { text throws(ValueError) in text })
    static let caFile = Option(
        "--ca-file", "PEM", help: "Trust this CA for wss:// (a private CA)", as: InputFile.argument)
    static let pingInterval = Option(
        "--ping-interval", "D",
        help: "Ping every link this often on the wall clock and drop it (reason ping_timeout) when a ping is "
            + "still unanswered at the next, e.g. 30s",
        default: .described("no pings, as the Green'Up"), as: Duration.argument)
    static let connectTimeout = Option(
        "--connect-timeout", "D",
        help: "Count a connection attempt as failed (reason timeout) when its TCP connect, TLS and WebSocket "
            + "upgrade take longer than this on the wall clock; also how long the run waits for a first "
            + "station to connect before it gives up on the CSMS (exit 3), e.g. 30s",
        default: .text("10s"), as: Duration.argument)
    /// The longest ``connectTimeout`` taken: longer is a typing slip, and overflows the loops' clock far out.
    static let longestConnectTimeout = Duration.seconds(3_600)
    static let insecure = Flag("--insecure", help: "Do not verify the CSMS's certificate (prints a warning)")

    var csms: URL?
    var profile: ProfileArgument
    var speed: Double
    var seed: UInt64
    var password: String?
    var caFile: String?
    var insecure: Bool
    /// How often each link is pinged (wall time); nil sends none, as the Green'Up.
    var pingInterval: Duration?
    /// How long one connection may take to open (wall time).
    var connectTimeout: Duration

    init(_ arguments: ParsedArguments, command: String) throws(UsageError) {
        csms = try arguments.valueIfGiven(Self.csms)
        profile = try arguments.valueIfGiven(Self.profile) ?? .standard
        // Against a real CSMS, N stations are N real stations; the embedded demo shows a busy hour in a minute.
        speed = try arguments.valueIfGiven(Self.speed) ?? (csms == nil ? 60 : 1)
        seed = try arguments.value(Self.seed)
        password = try arguments.valueIfGiven(Self.password)
        caFile = try arguments.valueIfGiven(Self.caFile)
        insecure = arguments.flag(Self.insecure)
        pingInterval = try arguments.valueIfGiven(Self.pingInterval)
        connectTimeout = try arguments.value(Self.connectTimeout)
        if caFile != nil, insecure {
            throw UsageError("--ca-file and --insecure contradict each other: choose one", command: command)
        }
        if let csms, csms.scheme == "ws", caFile != nil || insecure {
            throw UsageError("--ca-file and --insecure apply to wss:// only", command: command)
        }
        if let pingInterval, pingInterval <= .zero {
            throw UsageError("--ping-interval must be longer than zero", command: command)
        }
        if connectTimeout <= .zero || connectTimeout > Self.longestConnectTimeout {
            throw UsageError("--connect-timeout must be longer than zero and at most 1h", command: command)
        }
    }

    /// A fleet runner's configuration for `profile` with these options; the command adds its own.
    func runConfiguration(profile: Profile) -> FleetRunConfiguration {
        var configuration = FleetRunConfiguration(profile: profile, profileName: self.profile.description)
        configuration.csmsURL = csms?.absoluteString
        configuration.speed = speed
        configuration.seed = seed
        configuration.password = password
        configuration.caFile = caFile
        configuration.insecure = insecure
        configuration.pingInterval = pingInterval
        configuration.connectTimeout = connectTimeout
        return configuration
    }
}
