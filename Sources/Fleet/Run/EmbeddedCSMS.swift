import Basics
import CSMS
internal import Foundation
import Net
import OCPP

/// The CSMS `run` starts in-process when no `--csms` is given: the embedded ``CSMS/CSMSServer`` on
/// 127.0.0.1, on a port the system chooses (one below its ephemeral range when the profile restarts it),
/// serving from the fleet's own event loops, answering as the profile's `csms` section says and knowing
/// the badges the fleet's drivers use.
struct EmbeddedCSMS: Sendable {
    let server: CSMSServer
    /// The port it listens on, kept across a restart.
    let port: UInt16
    /// Where the stations connect: `ws://127.0.0.1:<port>/ocpp`.
    var url: String { "ws://127.0.0.1:\(port)/ocpp" }

    /// Starts the server on `group`'s loops.
    /// - Parameter password: the Basic auth password it asks every station for (the fleet's), or nil.
    static func start(plan: FleetPlan, password: String?, group: EventLoopGroup) async throws(FleetRunError) -> EmbeddedCSMS {
        let settings = plan.profile.csms
        let configuration = CSMSConfiguration(
            heartbeatInterval: Int(settings.heartbeatIntervalMilliseconds / 1000),
            answerDelay: settings.answerDelayMilliseconds,
            badges: badges(stations: plan.stations, start: plan.start), password: password, seed: plan.seed)
        let server = CSMSServer(configuration: configuration, group: group)
        let restarts = plan.profile.events.contains { if case .restartCSMS = $0.action { true } else { false } }
        for port in restarts ? portsOutsideEphemeralRange() : [] {
            if let port = try? await server.start(listen: "127.0.0.1:\(port)") {
                return EmbeddedCSMS(server: server, port: port)
            }
        }
        do {
            let port = try await server.start(listen: "127.0.0.1:0")
            return EmbeddedCSMS(server: server, port: port)
        } catch {
            throw FleetRunError.embeddedCSMS(error.description)
        }
    }

    /// A few random ports below the system's ephemeral range. While a restarted CSMS is down, an outgoing
    /// link of any process may be given its port if that port is ephemeral, and it could not listen
    /// again; ports below the range are never handed out that way.
    static func portsOutsideEphemeralRange() -> [UInt16] {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        let lowest = 10_000
        guard let ephemeralStart = range?.first, ephemeralStart > lowest + 1_000 else { return [] }
        var random = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt16(Int.random(in: lowest..<ephemeralStart, using: &random)) }
    }

    /// Sends `command` to the station `id` without waiting; its outcome lands in the CSMS's counters.
    /// Called from a loop for the rare commands of a plan, never on the hot path.
    func send(_ command: CentralSystemRequest, to id: String) {
        Task { [server] in _ = await server.send(command, to: id) }
    }

    /// Stops listening and closes every link (a profile's `restartCSMS`).
    func goDown() async {
        await server.stop()
    }

    /// How long a restarted CSMS waits at most for its port to be free again.
    static let comeBackLimit = Duration.seconds(10)

    /// Listens again on the same port, with the counters and open transactions of before.
    ///
    /// The port may be held a while: by the sockets of the last listeners, still closing on a loaded
    /// machine, or by another process that took it while the CSMS was down (the server refuses a port
    /// another listener holds). It waits for the port's release, looking again 10 ms later, then twice
    /// as long each time up to half a second, for `limit` at most; then it says what held the port.
    /// - Parameters:
    ///   - alarm: what it sleeps on between tries (a ring cuts a pause short).
    ///   - loop: the loop whose timers end the pauses.
    ///   - limit: how long it waits at most, on the wall clock.
    func comeBack(pausingOn alarm: RunAlarm, loop: EventLoop, within limit: Duration = comeBackLimit)
        async throws(FleetRunError)
    {
        let deadline = EventLoop.now() + limit.nanoseconds
        var pause: UInt64 = 10_000_000
        var tries = 0
        var failure = ""
        while true {
            tries += 1
            do {
                _ = try await server.start(listen: "127.0.0.1:\(port)")
                return
            } catch {
                failure = error.description
            }
            let now = EventLoop.now()
            guard now < deadline else { break }
            await alarm.wait(until: min(deadline, now + pause), on: loop)
            pause = min(pause * 2, 500_000_000)
        }
        throw FleetRunError.restartFailed(
            "it could not listen again on 127.0.0.1:\(port) within \(limit) (\(tries) tries): \(failure)")
    }

    /// The badges of the stations' drivers as a simulation's CSMS knows them: each station's pools of
    /// valid, expired and blocked badges and its app account; unknown badges stay unknown.
    static func badges(stations: Range<Int>, start: Int64) -> BadgeList {
        BadgeList(stations.flatMap { station in BadgeNaming.knownBadges(station: station, start: start) })
    }
}
