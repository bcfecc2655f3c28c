import JSON

extension ProfileReader {
    mutating func reconnectionStrategy(_ node: JSONNode, _ path: String) -> ReconnectionStrategy? {
        let settings = ["interval", "initial", "max", "jitter", "waitMinimum", "randomRange", "repeatTimes"]
        guard let members = object(node, path, allowed: ["policy"] + settings),
            let policyNode = required(members, "policy"),
            let policy = string(policyNode, members.path(of: "policy"))
        else { return nil }
        let used: [String]
        let result: ReconnectionStrategy?
        switch policy {
        case "greenup":
            used = []
            result = .greenUp
        case "fixed":
            used = ["interval"]
            result = required(members, "interval").flatMap { duration($0, members.path(of: "interval"), atLeast: 1) }
                .map { .fixed(intervalMilliseconds: $0) }
        case "exponential":
            used = ["initial", "max", "jitter"]
            let initial = required(members, "initial").flatMap { duration($0, members.path(of: "initial"), atLeast: 1) }
            let maximum = required(members, "max").flatMap { duration($0, members.path(of: "max"), atLeast: 1) }
            var jitter: Double? = 0
            if let node = members["jitter"] {
                jitter = share(node, members.path(of: "jitter"))
            }
            if let initial, let maximum, let jitter {
                if maximum < initial, let node = members["max"] {
                    report(node, members.path(of: "max"), expected: "a duration at least \"initial\"")
                    result = nil
                } else {
                    result = .exponential(initialMilliseconds: initial, maximumMilliseconds: maximum, jitter: jitter)
                }
            } else {
                result = nil
            }
        case "retryBackOff":
            used = ["waitMinimum", "randomRange", "repeatTimes"]
            let minimum = required(members, "waitMinimum").flatMap {
                duration($0, members.path(of: "waitMinimum"), atLeast: 1)
            }
            let range = required(members, "randomRange").flatMap { duration($0, members.path(of: "randomRange")) }
            let repeatTimes = required(members, "repeatTimes").flatMap {
                integer($0, members.path(of: "repeatTimes"), .atLeast(0))
            }
            if let minimum, let range, let repeatTimes {
                result = .retryBackOff(
                    waitMinimumMilliseconds: minimum, randomRangeMilliseconds: range, repeatTimes: repeatTimes)
            } else {
                result = nil
            }
        default:
            return rejected(
                policyNode, members.path(of: "policy"),
                expected: "\"greenup\", \"fixed\", \"exponential\" or \"retryBackOff\"")
        }
        for key in settings where !used.contains(key) {
            if let node = members[key] {
                report(node, members.path(of: key), expected: "no \"\(key)\" with policy \"\(policy)\"", found: "one")
            }
        }
        return result
    }

    mutating func csmsSettings(_ node: JSONNode, _ path: String) -> CSMSSettings? {
        guard let members = object(node, path, allowed: ["heartbeatInterval", "answerDelay"]) else { return nil }
        var heartbeat: Int64? = CSMSSettings.standard.heartbeatIntervalMilliseconds
        if let node = members["heartbeatInterval"] {
            heartbeat = duration(node, members.path(of: "heartbeatInterval"), atLeast: 10_000)
            // The Green'Up accepts 10 s to 86400 s.
            if let interval = heartbeat, interval > 86_400_000 {
                report(node, members.path(of: "heartbeatInterval"), expected: "a duration of at most 24h")
                heartbeat = nil
            }
        }
        var delay: Int64? = CSMSSettings.standard.answerDelayMilliseconds
        if let node = members["answerDelay"] {
            delay = duration(node, members.path(of: "answerDelay"))
        }
        guard let heartbeat, let delay else { return nil }
        return CSMSSettings(heartbeatIntervalMilliseconds: heartbeat, answerDelayMilliseconds: delay)
    }

    mutating func timedEvents(_ node: JSONNode, _ path: String) -> [TimedEvent]? {
        guard let items = array(node, path) else { return nil }
        let events = items.enumerated().map { timedEvent($1, "\(path)[\($0)]") }
        guard events.allSatisfy({ $0 != nil }) else { return nil }
        return events.compactMap { $0 }
    }

    private mutating func timedEvent(_ node: JSONNode, _ path: String) -> TimedEvent? {
        let options = ["share", "over", "version", "limitA", "limitW", "downtime", "how", "duration", "latency",
            "bandwidth", "loss"]
        let allowed = ["at", "event", "stations"] + options
        guard let members = object(node, path, allowed: allowed) else { return nil }
        let at = required(members, "at").flatMap { duration($0, members.path(of: "at")) }
        guard let eventNode = required(members, "event"), let event = string(eventNode, members.path(of: "event"))
        else { return nil }

        func optionalShare(_ reader: inout ProfileReader) -> Double? {
            members["share"].map { reader.share($0, members.path(of: "share")) } ?? 1
        }
        func optionalSpread(_ reader: inout ProfileReader) -> Int64? {
            members["over"].map { reader.duration($0, members.path(of: "over")) } ?? 0
        }

        let action: TimedEvent.Action?
        let used: [String]
        switch event {
        case "dropLinks":
            used = ["share", "how"]
            let share = required(members, "share").flatMap { self.share($0, members.path(of: "share")) }
            var how: LinkCut? = .fin
            if let node = members["how"] {
                how = string(node, members.path(of: "how")).flatMap(LinkCut.init(rawValue:))
                if how == nil { report(node, members.path(of: "how"), expected: "\"fin\", \"reset\" or \"close\"") }
            }
            action = share.flatMap { share in how.map { .dropLinks(share: share, how: $0) } }
        case "partition", "slowLinks", "stalls":
            (used, action) = linkFault(event, members)
        case "powerCycle":
            used = ["share", "over"]
            let share = optionalShare(&self)
            let spread = optionalSpread(&self)
            action = share.flatMap { share in spread.map { .powerCycle(share: share, spreadMilliseconds: $0) } }
        case "firmwareRollout":
            used = ["share", "over", "version"]
            let share = required(members, "share").flatMap { self.share($0, members.path(of: "share")) }
            let version = required(members, "version").flatMap { firmwareVariant($0, members.path(of: "version")) }
            let spread = optionalSpread(&self)
            if let share, let version, let spread {
                action = .firmwareRollout(share: share, version: version, spreadMilliseconds: spread)
            } else {
                action = nil
            }
        case "chargingCap":
            used = ["share", "limitA", "limitW"]
            let share = optionalShare(&self)
            var limit: ChargingLimit?
            if let unit = oneOf(members, ["limitA", "limitW"]), let value = members[unit] {
                if unit == "limitA" {
                    limit = number(value, members.path(of: unit), .between(0, 63)).map { .amperes($0) }
                } else {
                    limit = number(value, members.path(of: unit), .between(0, 44_000)).map { .watts($0) }
                }
            }
            action = share.flatMap { share in limit.map { .chargingCap(share: share, limit: $0) } }
        case "restartCSMS":
            used = ["downtime"]
            action = required(members, "downtime").flatMap { duration($0, members.path(of: "downtime")) }
                .map { .restartCSMS(downtimeMilliseconds: $0) }
        default:
            return rejected(
                eventNode, members.path(of: "event"),
                expected: "\"dropLinks\", \"powerCycle\", \"firmwareRollout\", \"chargingCap\", \"restartCSMS\", "
                    + "\"partition\", \"slowLinks\" or \"stalls\"")
        }
        var stations: ClosedRange<Int>?
        if let node = members["stations"] {
            if event == "restartCSMS" {
                report(node, members.path(of: "stations"), expected: "no \"stations\" in a \"restartCSMS\" event", found: "one")
            } else if case .string(let text) = node.value, let range = FaultSpec.stationRange(text) {
                stations = range
            } else {
                let expected = "station numbers \"A-B\" with 1 <= A <= B, as \"1-500\""
                return rejected(node, members.path(of: "stations"), expected: expected)
            }
        }
        for key in options where !used.contains(key) {
            if let node = members[key] {
                report(node, members.path(of: key), expected: "no \"\(key)\" in a \"\(event)\" event", found: "one")
            }
        }
        guard let at, let action else { return nil }
        return TimedEvent(at: at, action: action, stations: stations)
    }

    /// A `partition`, `slowLinks` or `stalls` event's fault and share, with the members it may use.
    private mutating func linkFault(_ event: String, _ members: Members) -> (used: [String], action: TimedEvent.Action?) {
        let share = members["share"].map { self.share($0, members.path(of: "share")) } ?? 1
        let duration = required(members, "duration").flatMap { self.duration($0, members.path(of: "duration"), atLeast: 1) }
        let fault: LinkFault?
        let used: [String]
        switch event {
        case "slowLinks":
            used = ["share", "duration", "latency", "bandwidth"]
            let latency = members["latency"].map { self.duration($0, members.path(of: "latency")) } ?? 0
            var rate: Int?? = .some(nil)
            if let node = members["bandwidth"] {
                if case .string(let text) = node.value, let value = FaultSpec.bandwidth(text) {
                    rate = value
                } else {
                    report(node, members.path(of: "bandwidth"), expected: "a rate such as \"64kB/s\" or \"512kbit/s\"")
                    rate = nil
                }
            }
            if members["latency"] == nil, members["bandwidth"] == nil {
                report(members.node, members.path, expected: "\"latency\" or \"bandwidth\" (or both) in a \"slowLinks\" event", found: "neither")
            }
            if let duration, let latency, let rate, members["latency"] != nil || members["bandwidth"] != nil {
                fault = .slow(durationMilliseconds: duration, latencyMilliseconds: latency, bytesPerSecond: rate)
            } else {
                fault = nil
            }
        case "stalls":
            used = ["share", "duration", "loss"]
            let loss = required(members, "loss").flatMap { number($0, members.path(of: "loss"), .between(0, 1)) }
            fault = duration.flatMap { duration in loss.map { .stall(durationMilliseconds: duration, lossRate: $0) } }
        default:
            used = ["share", "duration"]
            fault = duration.map { .partition(durationMilliseconds: $0) }
        }
        guard let share, let fault else { return (used, nil) }
        return (used, .linkFault(share: share, fault))
    }
}
