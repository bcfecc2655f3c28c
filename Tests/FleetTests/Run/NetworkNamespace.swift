import Foundation
import Glibc
import TestSupport

/// A network namespace of a test's own, made with iproute2 (root only): its loopback is private, so a
/// fleet and a CSMS inside it talk over 127.0.0.1 while the test breaks that network for real, and no
/// other test sees it. Deleted by ``delete()`` (and when forgotten, by `deinit`).
final class NetworkNamespace: @unchecked Sendable {
    // @unchecked Sendable: `name` is immutable; `deleted` is only touched by delete(), called once per path.
    let name: String
    private var deleted = false

    static let ip = "/usr/sbin/ip"

    /// Why this machine cannot make a namespace, or `nil` when it can (tried once, with a throwaway one).
    static let unavailableReason: String? = {
        guard FileManager.default.isExecutableFile(atPath: ip) else { return "iproute2's ip is not installed" }
        guard geteuid() == 0 else { return "network namespaces need root" }
        let probe = "ocppfleet-probe-\(getpid())"
        guard (try? command([ip, "netns", "add", probe]))?.status == 0 else { return "ip netns add failed" }
        _ = try? command([ip, "netns", "delete", probe])
        return nil
    }()

    /// Whether the kernel has the netem queueing discipline (added latency and loss), tried in a namespace.
    static let hasNetem: Bool = {
        guard unavailableReason == nil, let namespace = try? NetworkNamespace(purpose: "netem") else { return false }
        defer { namespace.delete() }
        return (try? command([ip, "netns", "exec", namespace.name, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"]))?.status == 0
    }()

    /// Makes a namespace with its loopback up.
    init(purpose: String) throws {
        name = "ocppfleet-\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try Self.check([Self.ip, "netns", "add", name])
        do {
            try Self.check([Self.ip, "-n", name, "link", "set", "lo", "up"])
        } catch {
            delete()
            throw error
        }
    }

    deinit { delete() }

    /// The launcher that runs a command inside the namespace.
    var exec: [String] { [Self.ip, "netns", "exec", name] }

    /// Takes the namespace's loopback down (nothing passes: established connections stay, as in a
    /// partition, and TCP retransmits) or back up.
    func setLoopback(up: Bool) throws {
        try Self.check([Self.ip, "-n", name, "link", "set", "lo", up ? "up" : "down"])
    }

    /// Runs `arguments` inside the namespace; throws unless it exits 0.
    func run(_ arguments: [String]) throws {
        try Self.check(exec + arguments)
    }

    /// How many TCP connections to `port` (from this side: their destination port) are established.
    func establishedConnections(toPort port: UInt16) throws -> Int {
        let outcome = try Self.command(exec + ["ss", "-tnH", "state", "established", "( dport = :\(port) )"])
        return outcome.output.split(separator: "\n").count
    }

    /// Waits, polling for at most `timeout` seconds, until `count` connections to `port` are established.
    func waitForConnections(toPort port: UInt16, count: Int, timeout: TimeInterval = 60) async throws -> Bool {
        for _ in 0..<Int(timeout * 5) {
            if try await offThePool({ try self.establishedConnections(toPort: port) }) == count { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    func delete() {
        guard !deleted else { return }
        deleted = true
        _ = try? Self.command([Self.ip, "netns", "delete", name])
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    private static func check(_ arguments: [String]) throws {
        let outcome = try command(arguments)
        guard outcome.status == 0 else {
            throw CommandFailed(description: "\(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.output)")
        }
    }

    /// Runs a short command to its end and returns its status and what it printed (both streams).
    private static func command(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
