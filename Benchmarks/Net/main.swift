import Foundation
import Net

// bench-net: idle memory, round trips and connection setup of the Net layer's WebSocket channels,
// client and server in separate processes on loopback.
//
//   swift run -c release bench-net [--runs N] [--seconds S] [--server-loops N] [--client-loops N] [--ws-only]
//
// The same binary is its own server and client child processes ("serve …", "client …").

/// Writes one line to the parent at once (print buffers when stdout is a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())

func runChild(_ arguments: [String]) async throws {
    switch arguments.first {
    case "serve":
        let loops = Int(arguments[1]) ?? 1
        try await BenchServer.run(
            loops: loops, certificate: arguments.count > 3 ? arguments[2] : nil,
            key: arguments.count > 3 ? arguments[3] : nil)
    case "timers":
        try await TimerBench.run(count: Int(arguments[1]) ?? 100_000)
    case "checks":
        try await ConfinementBench.run(count: Int(arguments[1]) ?? 10_000_000)
    case "client":
        let scenario = arguments[1]
        let url = arguments[2]
        let loops = Int(arguments[3]) ?? 1
        let count = Int(arguments[4]) ?? 100
        let source = arguments[5]
        let inFlight = Int(arguments[6]) ?? 256
        let seconds = Double(arguments[7]) ?? 3
        let caFile = arguments.count > 8 ? arguments[8] : nil
        let setup = try BenchClient.makeSetup(
            url: url, loops: loops, caFile: caFile, source: source, maxInFlight: inFlight)
        switch scenario {
        case "idle": try await BenchClient.idle(setup, count: count)
        case "rt": try await BenchClient.roundTrips(setup, count: count, seconds: seconds)
        default: try await BenchClient.connectionSetup(setup, count: count)
        }
        _ = readLine()
        setup.group.shutdown()
    default:
        var settings = Orchestrator.Settings()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch arguments[index] {
            case "--runs": settings.runs = Int(value) ?? settings.runs; index += 1
            case "--seconds": settings.seconds = Double(value) ?? settings.seconds; index += 1
            case "--server-loops": settings.serverLoops = Int(value) ?? settings.serverLoops; index += 1
            case "--client-loops": settings.clientLoops = Int(value) ?? settings.clientLoops; index += 1
            case "--ws-only": settings.transports = ["ws"]
            default:
                print("usage: bench-net [--runs N] [--seconds S] [--server-loops N] [--client-loops N] [--ws-only]")
                exit(2)
            }
            index += 1
        }
        try Orchestrator.run(settings)
    }
}

do {
    try await runChild(arguments)
} catch {
    FileHandle.standardError.write(Data("bench-net: \(error)\n".utf8))
    exit(1)
}
