import JSON

/// How a capacity search was asked to run, as `capacity.json` (its `search` object) and `junit.xml` (its
/// properties) state it.
struct CapacitySearchSettings: Sendable {
    var csms: String
    /// The profile as given: a built-in name or a path.
    var profile: String
    var step: Int
    var maxStations: Int
    var resolution: CapacitySearch.Resolution
    var holdSeconds: Double
    var warmUpSeconds: Double
    var speed: Double
    var seed: UInt64
    /// Every SLO's expression, in the order given.
    var slo: [String]
    /// Whether each step started a fresh fleet (`--fresh`) rather than growing the one before.
    var fresh: Bool
    /// New stations per second, when `--ramp` set it.
    var ramp: Double?
    /// Event loops, when `--loops` set them.
    var loops: Int?

    /// Each setting as its name, its JSON value and its text for people, sorted by name.
    private var entries: [(name: String, json: JSONValue, text: String)] {
        var entries: [(name: String, json: JSONValue, text: String)] = [
            ("csms", .string(csms), csms),
            ("fleet", .string(fresh ? "fresh" : "growing"), fresh ? "fresh" : "growing"),
            ("hold_s", .number(holdSeconds), "\(holdSeconds)"),
            ("max_stations", .integer(UInt64(maxStations)), "\(maxStations)"),
            ("profile", .string(profile), profile),
            ("seed", .integer(seed), "\(seed)"),
            ("slo", .array(slo.map(JSONValue.string)), slo.joined(separator: ", ")),
            ("speed", .number(speed), "\(speed)"),
            ("step", .integer(UInt64(step)), "\(step)"),
            ("warm_up_s", .number(warmUpSeconds), "\(warmUpSeconds)"),
        ]
        switch resolution {
        case .share(let share): entries.append(("resolution_share", .number(share), "\(share)"))
        case .stations(let stations): entries.append(("resolution_stations", .integer(UInt64(stations)), "\(stations)"))
        }
        if let ramp { entries.append(("ramp_per_s", .number(ramp), "\(ramp)")) }
        if let loops { entries.append(("loops", .integer(UInt64(loops)), "\(loops)")) }
        return entries.sorted { $0.name < $1.name }
    }

    /// The settings as a JSON object, keys sorted.
    var json: JSONValue {
        .object(entries.map { ($0.name, $0.json) })
    }

    /// The settings as names and texts, sorted by name.
    var properties: [(name: String, value: String)] {
        entries.map { ($0.name, $0.text) }
    }
}
