import Fleet
import Foundation

/// Small fleets for the runner's tests: a few two-point stations whose EVs all arrive two simulated
/// minutes in and stay for hours, so that a run has transactions open when it ends.
enum RunFixtures {
    static let profileJSON = """
        {
          "name": "run-test",
          "description": "Every charging point gets an EV after two minutes, for hours.",
          "start": "2026-01-05T08:00:00Z",
          "stations": { "count": 4, "models": [{ "model": "2VE", "share": 1 }] },
          "sites": [
            {
              "name": "test",
              "arrivals": { "list": [{ "at": "2m", "chargingPoint": 1 }, { "at": "2m", "chargingPoint": 2 }] },
              "dwellMinutes": { "fixed": 600 },
              "energyKWh": { "fixed": 50 }
            }
          ],
          "reconnection": { "policy": "fixed", "interval": "1s" },
          "csms": { "heartbeatInterval": "60s" }
        }
        """

    static func profile() throws -> Profile {
        try Profile.parse(Array(profileJSON.utf8), file: "run-test.json")
    }

    /// The same fleet, but every driver starts from an app (RemoteStartTransaction from the CSMS), and
    /// the CSMS restarts at 1 min, down for 10 s.
    static func commandedProfile() throws -> Profile {
        let json = profileJSON
            .replacingOccurrences(of: #""energyKWh": { "fixed": 50 }"#, with: #""energyKWh": { "fixed": 50 }, "remoteStartShare": 1"#)
            .replacingOccurrences(
                of: #""csms": { "heartbeatInterval": "60s" }"#,
                with: #""csms": { "heartbeatInterval": "60s" }, "events": [{ "at": "1m", "event": "restartCSMS", "downtime": "10s" }]"#)
        return try Profile.parse(Array(json.utf8), file: "run-test-commanded.json")
    }

    /// A run of `stations` stations against `url` for `seconds` of wall time at speed 120 (two simulated
    /// minutes a second: a CALL's 10 s timeout is 83 ms), on two loops.
    static func configuration(url: String?, stations: Int = 4, seconds: Int = 2) throws -> FleetRunConfiguration {
        var configuration = FleetRunConfiguration(profile: try profile())
        configuration.csmsURL = url
        configuration.stations = stations
        configuration.duration = .seconds(seconds)
        configuration.speed = 120
        configuration.rampPerSecond = 200
        configuration.loops = 2
        configuration.connectTimeout = .seconds(5)
        configuration.drainTimeout = .seconds(20)
        return configuration
    }

    /// A temporary file path that does not exist yet.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-\(UUID().uuidString)-\(name)").path
    }
}
