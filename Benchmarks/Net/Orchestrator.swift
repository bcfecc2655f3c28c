import Foundation
import Net

/// Runs every scenario in fresh child processes (server and client apart, each measuring itself), several
/// times, and prints the medians as a table.
enum Orchestrator {
    struct Settings {
        var runs = 3
        var idleConnections = 10_000
        var setupConnections = 10_000
        var connectsInFlight = 256
        var seconds = 3.0
        /// One loop per core on each side, as a fleet and a CSMS would run.
        var serverLoops = EventLoopGroup.coreCount
        var clientLoops = EventLoopGroup.coreCount
        var transports = ["ws", "wss"]
    }


    static func run(_ settings: Settings) throws {
        let certificates = try Certificates.make()
        defer { certificates.remove() }
        print("bench-net: \(settings.runs) runs each, medians; server loops \(settings.serverLoops), client loops \(settings.clientLoops)")
        var rows: [(String, String)] = []
        // A loopback source address of its own for each client, so that no run meets the last one's TIME_WAITs.
        var sourceIndex = 1
        func nextSource() -> String {
            sourceIndex = sourceIndex % 250 + 1
            return "127.0.0.\(sourceIndex + 1)"
        }
        for transport in settings.transports {
            let secure = transport == "wss"
            let serverArguments = ["serve", "\(settings.serverLoops)"]
                + (secure ? [certificates.certificateFile, certificates.keyFile] : [])
            func clientArguments(_ scenario: String, _ url: String, _ count: Int) -> [String] {
                ["client", scenario, url, "\(settings.clientLoops)", "\(count)", nextSource(),
                 "\(settings.connectsInFlight)", "\(settings.seconds)"] + (secure ? [certificates.caFile] : [])
            }

            var clientIdle: [Double] = []
            var serverIdle: [Double] = []
            var trips: [Int: (rate: [Double], client: [Double], server: [Double])] = [:]
            var setup: [Double] = []
            var setupClientCPU: [Double] = []
            var setupServerCPU: [Double] = []
            for _ in 0..<settings.runs {
                // Idle memory, in a fresh server and client each time.
                do {
                    let server = try ChildProcess(serverArguments)
                    let port = try server.expect("PORT")[0]
                    let url = "\(transport)://127.0.0.1:\(port)/ocpp"
                    let client = try ChildProcess(clientArguments("idle", url, settings.idleConnections))
                    _ = try client.expect("WARM")
                    let serverBefore = try server.ask("rss", "RSS")
                    client.send("go")
                    let idle = try client.expect("IDLE").compactMap { Int($0) }
                    let serverAfter = try server.ask("rss", "RSS")
                    let open = try server.ask("count", "COUNT")
                    client.finish()
                    server.finish()
                    clientIdle.append(Double(idle[1] - idle[0]) / Double(settings.idleConnections))
                    serverIdle.append(Double(serverAfter - serverBefore) / Double(max(open, 1)))
                }
                for count in [100, 1000] {
                    let server = try ChildProcess(serverArguments)
                    let port = try server.expect("PORT")[0]
                    let client = try ChildProcess(clientArguments("rt", "\(transport)://127.0.0.1:\(port)/ocpp", count))
                    _ = try client.expect("READY")
                    let serverStart = try server.ask("cpu", "CPU")
                    client.send("go")
                    let result = try client.expect("RT")
                    let serverEnd = try server.ask("cpu", "CPU")
                    client.finish()
                    server.finish()
                    let roundTrips = Double(result[0])!
                    var entry = trips[count] ?? ([], [], [])
                    entry.rate.append(roundTrips / Double(result[2])!)
                    entry.client.append(Double(result[1])! / roundTrips)
                    entry.server.append(Double(serverEnd - serverStart) / roundTrips)
                    trips[count] = entry
                }
                do {
                    let server = try ChildProcess(serverArguments)
                    let port = try server.expect("PORT")[0]
                    let client = try ChildProcess(
                        clientArguments("setup", "\(transport)://127.0.0.1:\(port)/ocpp", settings.setupConnections))
                    _ = try client.expect("WARM")
                    let serverStart = try server.ask("cpu", "CPU")
                    client.send("go")
                    let result = try client.expect("SETUP")
                    let serverEnd = try server.ask("cpu", "CPU")
                    client.finish()
                    server.finish()
                    let connections = Double(result[0])!
                    setup.append(connections / Double(result[1])!)
                    setupClientCPU.append(Double(result[2])! / connections)
                    setupServerCPU.append(Double(serverEnd - serverStart) / connections)
                }
            }
            rows.append(("\(transport): idle memory, client (B/connection, \(settings.idleConnections) connections)", format(median(clientIdle))))
            rows.append(("\(transport): idle memory, server (B/connection)", format(median(serverIdle))))
            for count in [100, 1000] {
                let entry = trips[count]!
                rows.append(("\(transport): round trips/s, \(count) connections", format(median(entry.rate))))
                rows.append(("\(transport): client CPU µs/round trip, \(count) connections", String(format: "%.2f", median(entry.client))))
                rows.append(("\(transport): server CPU µs/round trip, \(count) connections", String(format: "%.2f", median(entry.server))))
            }
            rows.append(("\(transport): connections/s (\(settings.setupConnections), ≤ \(settings.connectsInFlight) in flight)", format(median(setup))))
            rows.append(("\(transport): client CPU µs/connection setup", String(format: "%.1f", median(setupClientCPU))))
            rows.append(("\(transport): server CPU µs/connection setup", String(format: "%.1f", median(setupServerCPU))))
        }
        var schedule: [Double] = []
        var cancel: [Double] = []
        var memory: [Double] = []
        for _ in 0..<settings.runs {
            let child = try ChildProcess(["timers", "100000"])
            let result = try child.expect("TIMERS").compactMap { Double($0) }
            child.finish()
            schedule.append(result[0])
            cancel.append(result[1])
            memory.append(result[2])
        }
        rows.append(("timers: schedule ns/timer (100,000 on one loop)", String(format: "%.0f", median(schedule))))
        rows.append(("timers: cancel ns/timer", String(format: "%.0f", median(cancel))))
        rows.append(("timers: resident bytes per timer (100,000)", format(median(memory) / 100_000)))
        var checks: [Double] = []
        for _ in 0..<settings.runs {
            let child = try ChildProcess(["checks", "10000000"])
            checks.append(try child.expect("CHECKS").compactMap { Double($0) }[0])
            child.finish()
        }
        rows.append(("loop-confinement check ns/call (on the loop, 10,000,000)", String(format: "%.1f", median(checks))))
        let width = rows.map(\.0.count).max() ?? 0
        print("| " + "figure".padding(toLength: width, withPad: " ", startingAt: 0) + " | median |")
        print("|" + String(repeating: "-", count: width + 2) + "|--------|")
        for (name, value) in rows {
            print("| " + name.padding(toLength: width, withPad: " ", startingAt: 0) + " | \(value) |")
        }
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private static func format(_ value: Double) -> String {
        String(Int(value.rounded()))
    }
}
