import JSON

extension ProfileReader {
    /// The whole profile, or `nil` when anything is wrong (``diagnostics`` then says what).
    mutating func profile(_ root: JSONNode) -> Profile? {
        let allowed = ["$schema", "name", "description", "start", "stations", "sites", "reconnection", "csms", "events"]
        guard let members = object(root, "$", allowed: allowed) else { return nil }

        let name = required(members, "name").flatMap { string($0, members.path(of: "name")) }
        let description = required(members, "description").flatMap { node -> String? in
            let path = members.path(of: "description")
            guard let text = string(node, path) else { return nil }
            guard !text.contains("\n") else {
                return rejected(node, path, expected: "one line", found: "a line break")
            }
            return text
        }
        var start: (milliseconds: Int64, utcOffsetSeconds: Int)? = (Self.defaultStart, 0)
        if let node = members["start"] {
            start = nil
            if let text = string(node, members.path(of: "start")) {
                start = Timestamp.parse(text)
                if start == nil {
                    report(node, members.path(of: "start"), expected: "a date-time such as \"2026-01-05T18:00:00+01:00\"")
                }
            }
        }
        var stations: StationComposition? = StationComposition(
            count: nil, idPattern: StationComposition.defaultIDPattern, models: [Weighted(.oneEV, share: 1)],
            firmware: [Weighted(Self.defaultFirmware, share: 1)])
        if let node = members["stations"] {
            stations = stationComposition(node, members.path(of: "stations"))
        }
        if let models = stations?.models { chargingPoints = models.map(\.value.chargingPoints).max() ?? chargingPoints }
        let sites = required(members, "sites").flatMap { self.sites($0, members.path(of: "sites")) }
        var reconnection: ReconnectionStrategy? = .greenUp
        if let node = members["reconnection"] {
            reconnection = reconnectionStrategy(node, members.path(of: "reconnection"))
        }
        var csms: CSMSSettings? = .standard
        if let node = members["csms"] {
            csms = csmsSettings(node, members.path(of: "csms"))
        }
        var events: [TimedEvent]? = []
        if let node = members["events"] {
            events = timedEvents(node, members.path(of: "events"))
        }

        guard diagnostics.isEmpty, let name, let description, let start, let stations, let sites, let reconnection,
            let csms, let events
        else { return nil }
        return Profile(
            name: name, description: description, start: start.milliseconds, utcOffsetSeconds: start.utcOffsetSeconds,
            stations: stations, sites: sites, reconnection: reconnection, csms: csms, events: events)
    }

    /// Monday 5 January 2026, midnight UTC: where a profile without `start` begins.
    static let defaultStart: Int64 = 1_767_571_200_000
    /// The firmware of a station when the profile names none.
    static let defaultFirmware = FirmwareVariant.v01_17_00

    mutating func stationComposition(_ node: JSONNode, _ path: String) -> StationComposition? {
        guard let members = object(node, path, allowed: ["count", "idPattern", "models", "firmware"]) else { return nil }
        var count: Int?? = .some(nil)
        if let node = members["count"] {
            count = integer(node, members.path(of: "count"), .between(1, 1_000_000)).map { .some($0) }
        }
        var idPattern: String? = StationComposition.defaultIDPattern
        if let node = members["idPattern"] {
            idPattern = string(node, members.path(of: "idPattern")).flatMap { pattern in
                guard Self.isValidIDPattern(pattern) else {
                    return rejected(
                        node, members.path(of: "idPattern"),
                        expected: "letters, digits, '-', '_' or '.' around one \"{n}\" or \"{n:WIDTH}\", at most 48 characters in all")
                }
                return pattern
            }
        }
        var models: [Weighted<GreenUpModel>]? = [Weighted(.oneEV, share: 1)]
        if let node = members["models"] {
            models = weightedList(node, members.path(of: "models"), valueKey: "model") { reader, node, path in
                guard case .string(let text) = node.value, let model = GreenUpModel(rawValue: text) else {
                    return reader.rejected(node, path, expected: "\"1VE\" or \"2VE\"")
                }
                return model
            }
        }
        var firmware: [Weighted<FirmwareVariant>]? = [Weighted(Self.defaultFirmware, share: 1)]
        if let node = members["firmware"] {
            firmware = weightedList(node, members.path(of: "firmware"), valueKey: "version") { reader, node, path in
                reader.firmwareVariant(node, path)
            }
        }
        guard let count, let idPattern, let models, let firmware else { return nil }
        return StationComposition(count: count, idPattern: idPattern, models: models, firmware: firmware)
    }

    mutating func firmwareVariant(_ node: JSONNode, _ path: String) -> FirmwareVariant? {
        guard case .string(let text) = node.value, let variant = FirmwareVariant(rawValue: text) else {
            let names = FirmwareVariant.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            return rejected(node, path, expected: names)
        }
        return variant
    }

    static func isValidIDPattern(_ pattern: String) -> Bool {
        var rest = Substring(pattern)
        var placeholders = 0
        var literal = 0
        while let first = rest.first {
            if first == "{" {
                guard let close = rest.firstIndex(of: "}") else { return false }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside == "n" {
                    literal += 6
                } else if inside.hasPrefix("n:"), let width = Int(inside.dropFirst(2)), (1...12).contains(width) {
                    literal += width
                } else {
                    return false
                }
                placeholders += 1
                rest = rest[rest.index(after: close)...]
            } else {
                guard first.isASCII, first.isLetter || first.isNumber || "-_.".contains(first) else { return false }
                literal += 1
                rest = rest.dropFirst()
            }
        }
        return placeholders == 1 && literal <= 48
    }

    /// An array of objects `{valueKey: ..., "share": ...}` whose shares sum to 1.
    mutating func weightedList<Value>(
        _ node: JSONNode, _ path: String, valueKey: String,
        value readValue: (inout ProfileReader, JSONNode, String) -> Value?
    ) -> [Weighted<Value>]? {
        guard let items = array(node, path, nonEmpty: true) else { return nil }
        var result: [Weighted<Value>] = []
        var complete = true
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let members = object(item, itemPath, allowed: [valueKey, "share"]) else {
                complete = false
                continue
            }
            let value = required(members, valueKey).flatMap { readValue(&self, $0, members.path(of: valueKey)) }
            let share = required(members, "share").flatMap { self.share($0, members.path(of: "share")) }
            if let value, let share {
                result.append(Weighted(value, share: share))
            } else {
                complete = false
            }
        }
        guard complete else { return nil }
        checkSum(result.map(\.share), node, path)
        return result
    }
}
