import Foundation
import JSON
import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The other processes of `ocpp-fleet csms --processes N`: N-1 more of this same program listening on the
/// port the first one probed and bound (`SO_REUSEPORT`), so that the kernel spreads the links over the
/// processes, each within its own open-file limit.
///
/// A sibling says `ready` on its stdout once it listens; stopped (the parent forwards Ctrl-C), it writes
/// one line `counters {JSON}` of what it served and exits. A sibling that ends otherwise is an error that
/// names it.
final class CSMSSiblings: Sendable {
    /// Where a sibling finds the password: not on its command line, where `ps` would show it.
    static let passwordVariable = "OCPP_FLEET_CSMS_PASSWORD"
    static let readyLine = "ready"
    private static let countersPrefix = "counters "

    /// The siblings' options, but for which one each is (`--process-index`).
    let arguments: [String]
    private let password: String?
    private let count: Int
    private struct State {
        var siblings: [WorkerProcess] = []
        var ready = 0
        var counters: [Int: [String: Double]] = [:]
    }
    private let state = Mutex(State())

    /// - Parameters:
    ///   - command: the first process's options.
    ///   - port: the port it listens on.
    ///   - startedAt: when it started (the badges' dates count from it), in ms since 1970.
    init(command: CSMSCommand, port: UInt16, startedAt: Int64) {
        let host = command.listen.host.contains(":") ? "[\(command.listen.host)]" : command.listen.host
        var arguments = [
            "csms", "--sibling", "--listen", "\(host):\(port)", "--started-at", String(startedAt),
            "--heartbeat-interval", String(command.heartbeatInterval),
            "--answer-delay", String(command.answerDelayMilliseconds), "--processes", String(command.processes),
        ]
        if let rate = command.serviceRate { arguments += ["--service-rate", String(format: "%.17g/s", rate)] }
        if let fault = command.faultText { arguments += ["--fault", fault] }
        if let badges = command.badgeFile { arguments += ["--badges", badges] }
        self.arguments = arguments
        password = command.password
        count = command.processes - 1
    }

    /// A sibling's last line: its counters.
    static func countersLine(_ counters: [String: Double]) -> String {
        countersPrefix + JSONValue.object(counters.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }).compact()
    }

    /// The counters of a `counters` line; nil for any other line.
    static func counters(_ line: String) -> [String: Double]? {
        guard line.hasPrefix(countersPrefix),
            let root = try? JSONNode.parse(Array(line.utf8.dropFirst(countersPrefix.utf8.count))),
            case .object(let members) = root.value
        else { return nil }
        var counters: [String: Double] = [:]
        for (name, node) in members {
            if case .number(let number) = node.value { counters[name] = number.double }
        }
        return counters
    }

    /// Starts the siblings and waits until each listens.
    /// - Throws: ``WorkerProcessError`` when one cannot start, or ends or stays silent for 60 s first.
    func start() async throws(WorkerProcessError) {
        guard count > 0 else { return }
        for number in 2...(count + 1) {
            let sibling = try WorkerProcess(
                name: "csms process \(number)/\(count + 1)",
                arguments: arguments + ["--process-index", String(number - 1)],
                environment: password.map { [Self.passwordVariable: $0] } ?? [:]
            ) { [self] line in
                if line == Self.readyLine {
                    state.withLock { $0.ready += 1 }
                } else if let counters = Self.counters(line) {
                    state.withLock { $0.counters[number] = counters }
                }
            }
            state.withLock { $0.siblings.append(sibling) }
        }
        for _ in 0..<1_200 {
            if state.withLock({ $0.ready }) == count { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        throw WorkerProcessError("\(count - state.withLock { $0.ready }) of the other CSMS processes did not start listening")
    }

    /// Stops every sibling as a Ctrl-C does and waits for their ends.
    /// - Returns: the counters of each, in order (empty for one that gave none, after an error naming it).
    @discardableResult
    func stop() async -> [[String: Double]] {
        let siblings = state.withLock { $0.siblings }
        for sibling in siblings { sibling.signal(SIGINT) }
        var served: [[String: Double]] = []
        for (index, sibling) in siblings.enumerated() {
            let exit = await sibling.wait()
            let counters = state.withLock { $0.counters[index + 2] }
            if exit != .exited(0) || counters == nil {
                Output.error("error: \(sibling.name) (pid \(sibling.pid)) \(exit) without saying what it served")
            }
            served.append(counters ?? [:])
        }
        return served
    }
}
