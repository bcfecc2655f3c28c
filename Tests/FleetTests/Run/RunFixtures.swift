import Fleet
import Foundation
import Glibc

/// Small fleets for the runner's tests: a few two-point stations whose EVs all arrive twenty simulated
/// seconds in and stay for hours, so that a run has transactions open when it ends.
enum RunFixtures {
    static let profileJSON = """
        {
          "name": "run-test",
          "description": "Every charging point gets an EV after twenty seconds, for hours.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 4, "models": [{ "model": "2VE", "share": 1 }] },
          "sites": [
            {
              "name": "test",
              "arrivals": { "list": [{ "at": "20s", "chargingPoint": 1 }, { "at": "20s", "chargingPoint": 2 }] },
              "dwellMinutes": { "fixed": 600 },
              "energyKWh": { "fixed": 50 }
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "1s" },
          "csms": { "heartbeatInterval": "10s" }
        }
        """

    static func profile() throws -> Profile {
        try Profile.parse(Array(profileJSON.utf8), file: "run-test.json")
    }

    /// The same fleet, but every driver starts from an app (RemoteStartTransaction from the CSMS, 40
    /// simulated seconds in), and the CSMS restarts at 60 s, down for 5 s (the stations' reconnection
    /// waits for a second of wall time, not of the profile's).
    static func commandedProfile() throws -> Profile {
        let json = profileJSON
            .replacingOccurrences(of: #""energyKWh": { "fixed": 50 }"#, with: #""energyKWh": { "fixed": 50 }, "remoteStartShare": 1"#)
            .replacingOccurrences(
                of: #""csms": { "heartbeatInterval": "10s" }"#,
                with: #""csms": { "heartbeatInterval": "10s" }, "events": [{ "at": "60s", "event": "restartCSMS", "downtime": "5s" }]"#)
        return try Profile.parse(Array(json.utf8), file: "run-test-commanded.json")
    }

    /// A run of `stations` stations against `url` for `seconds` of wall time at speed 30 (half a simulated
    /// minute a second; a CALL's answer is still awaited 10 s of wall time), on two loops.
    static func configuration(url: String?, stations: Int = 4, seconds: Int = 2) throws -> FleetRunConfiguration {
        var configuration = FleetRunConfiguration(profile: try profile())
        configuration.csmsURL = url
        configuration.stations = stations
        configuration.duration = .seconds(seconds)
        configuration.speed = 30
        configuration.rampPerSecond = 200
        configuration.loops = 2
        configuration.connectTimeout = .seconds(5)
        configuration.drainTimeout = .seconds(10)
        return configuration
    }

    /// A temporary file path that does not exist yet.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-\(UUID().uuidString)-\(name)").path
    }

    struct PortUnavailable: Error {}

    /// A socket listening on 127.0.0.1:`port` with SO_REUSEADDR (as a server restarting would) and
    /// without SO_REUSEPORT: another process's listener, which the CSMS's cannot share the port with.
    static func listener(on port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw PortUnavailable() }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound, listen(fd, 1) == 0 else {
            close(fd)
            throw PortUnavailable()
        }
        return fd
    }

    /// A loopback port that was free a moment ago: bound, then closed without listening.
    static func freeLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PortUnavailable() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw PortUnavailable() }
        return UInt16(bigEndian: address.sin_port)
    }

    /// The body of `GET path` on 127.0.0.1:`port`, or nil; reads for at most 5 s.
    static func httpGet(port: UInt16, path: String) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while response.count < 1 << 22 {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            response.append(contentsOf: chunk[..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard text.hasPrefix("HTTP/1."), let end = text.range(of: "\r\n\r\n") else { return nil }
        return String(text[end.upperBound...])
    }
}
