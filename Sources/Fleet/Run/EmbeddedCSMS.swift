import CSMS
import Net
import OCPP

/// The CSMS `run` starts in-process when no `--csms` is given: the embedded ``CSMS/CSMSServer`` on
/// 127.0.0.1, on a port the system chooses, serving from the fleet's own event loops, answering as the
/// profile's `csms` section says and knowing the badges the fleet's drivers use.
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
        do {
            let port = try await server.start(listen: "127.0.0.1:0")
            return EmbeddedCSMS(server: server, port: port)
        } catch {
            throw FleetRunError.embeddedCSMS(error.description)
        }
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

    /// Listens again on the same port, with the counters and open transactions of before.
    func comeBack() async {
        _ = try? await server.start(listen: "127.0.0.1:\(port)")
    }

    /// The badges of the stations' drivers as a simulation's CSMS knows them: each station's pools of
    /// valid, expired and blocked badges and its app account; unknown badges stay unknown.
    static func badges(stations: Range<Int>, start: Int64) -> BadgeList {
        BadgeList(stations.flatMap { station in BadgeNaming.knownBadges(station: station, start: start) })
    }
}
