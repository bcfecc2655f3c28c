import JSON

extension ProfileReader {
    mutating func sites(_ node: JSONNode, _ path: String) -> [SiteProfile]? {
        guard let items = array(node, path, nonEmpty: true) else { return nil }
        let sites = items.enumerated().map { site($1, "\(path)[\($0)]", isOnly: items.count == 1) }
        // The shares are checked even when a site is wrong elsewhere, so that one pass finds both.
        let shares = items.compactMap { item -> Double? in
            guard case .object(let members) = item.value,
                case .number(let share) = members.first(where: { $0.key == "share" })?.value.value,
                (0...1).contains(share.double)
            else { return nil }
            return share.double
        }
        if shares.count == items.count {
            checkSum(shares, node, path)
        }
        guard sites.allSatisfy({ $0 != nil }) else { return nil }
        return sites.compactMap { $0 }
    }

    private mutating func site(_ node: JSONNode, _ path: String, isOnly: Bool) -> SiteProfile? {
        let allowed = [
            "name", "share", "arrivals", "dwellMinutes", "energyKWh", "evs", "badges", "plugAndChargeShare",
            "remoteStartShare", "domesticSocketShare",
        ]
        guard let members = object(node, path, allowed: allowed) else { return nil }
        let name = required(members, "name").flatMap { string($0, members.path(of: "name")) }
        // A lone site needs no share: it is the whole fleet.
        var share: Double? = 1
        if !isOnly || members["share"] != nil {
            share = required(members, "share").flatMap { self.share($0, members.path(of: "share")) }
        }
        let arrivals = required(members, "arrivals").flatMap { arrivalModel($0, members.path(of: "arrivals")) }
        let dwell = required(members, "dwellMinutes").flatMap { distribution($0, members.path(of: "dwellMinutes")) }
        let energy = required(members, "energyKWh").flatMap { distribution($0, members.path(of: "energyKWh")) }
        var evs: [Weighted<EVType>]? = [Weighted(EVType(maxPowerKW: 7.4, phases: 1), share: 1)]
        if let node = members["evs"] {
            evs = evTypes(node, members.path(of: "evs"))
        }
        var badges: BadgeMix? = .allValid
        if let node = members["badges"] {
            badges = badgeMix(node, members.path(of: "badges"))
        }
        var shares: [String: Double?] = [:]
        for key in ["plugAndChargeShare", "remoteStartShare", "domesticSocketShare"] {
            shares[key] = members[key].map { self.share($0, members.path(of: key)) } ?? 0
        }
        guard let name, let share, let arrivals, let dwell, let energy, let evs, let badges,
            let plugAndCharge = shares["plugAndChargeShare"] ?? nil, let remoteStart = shares["remoteStartShare"] ?? nil,
            let domestic = shares["domesticSocketShare"] ?? nil
        else { return nil }
        return SiteProfile(
            name: name, share: share, arrivals: arrivals, dwellMinutes: dwell, energyKWh: energy, evs: evs,
            badges: badges, plugAndChargeShare: plugAndCharge, remoteStartShare: remoteStart,
            domesticSocketShare: domestic)
    }

    mutating func arrivalModel(_ node: JSONNode, _ path: String) -> ArrivalModel? {
        let choices = ["hourly", "weekly", "poissonPerHour", "list"]
        guard let members = object(node, path, allowed: choices), let choice = oneOf(members, choices),
            let value = members[choice]
        else { return nil }
        let valuePath = members.path(of: choice)
        switch choice {
        case "hourly":
            return dayOfRates(value, valuePath).map { .hourly($0) }
        case "weekly":
            guard let days = array(value, valuePath, count: 7) else { return nil }
            let rates = days.enumerated().map { dayOfRates($1, "\(valuePath)[\($0)]") }
            guard rates.allSatisfy({ $0 != nil }) else { return nil }
            return .weekly(rates.compactMap { $0 })
        case "poissonPerHour":
            return number(value, valuePath, .atLeast(0)).map { .poisson(perHour: $0) }
        default:
            guard let items = array(value, valuePath) else { return nil }
            let arrivals = items.enumerated().map { explicitArrival($1, "\(valuePath)[\($0)]") }
            guard arrivals.allSatisfy({ $0 != nil }) else { return nil }
            return .explicit(arrivals.compactMap { $0 })
        }
    }

    private mutating func dayOfRates(_ node: JSONNode, _ path: String) -> [Double]? {
        guard let hours = array(node, path, count: 24) else { return nil }
        let rates = hours.enumerated().map { number($1, "\(path)[\($0)]", .atLeast(0)) }
        guard rates.allSatisfy({ $0 != nil }) else { return nil }
        return rates.compactMap { $0 }
    }

    private mutating func explicitArrival(_ node: JSONNode, _ path: String) -> ExplicitArrival? {
        guard let members = object(node, path, allowed: ["at", "station", "chargingPoint"]) else { return nil }
        let at = required(members, "at").flatMap { duration($0, members.path(of: "at")) }
        var station: Int?? = .some(nil)
        if let node = members["station"] {
            station = integer(node, members.path(of: "station"), .atLeast(1)).map { .some($0) }
        }
        var point: Int?? = .some(nil)
        if let node = members["chargingPoint"] {
            let path = members.path(of: "chargingPoint")
            point = integer(node, path, .between(1, 2)).map { .some($0) }
            if case .some(.some(let wanted)) = point, wanted > chargingPoints {
                // Otherwise every arrival there would be dropped without a word.
                let expected = "at most \(chargingPoints): no station model of the profile has more charging points"
                report(node, path, expected: expected, found: "\(wanted)")
                point = nil
            }
        }
        guard let at, let station, let point else { return nil }
        return ExplicitArrival(at: at, station: station, chargingPoint: point)
    }

    mutating func distribution(_ node: JSONNode, _ path: String) -> ValueDistribution? {
        let shapes = ["fixed", "uniform", "exponential", "lognormal"]
        guard let members = object(node, path, allowed: shapes + ["min", "max"]) else { return nil }
        var shape: ValueDistribution.Shape?
        if let choice = oneOf(members, shapes), let value = members[choice] {
            let valuePath = members.path(of: choice)
            switch choice {
            case "fixed":
                shape = number(value, valuePath, .above(0)).map { .fixed($0) }
            case "uniform":
                if let bounds = array(value, valuePath, count: 2),
                    let low = number(bounds[0], "\(valuePath)[0]", .atLeast(0)),
                    let high = number(bounds[1], "\(valuePath)[1]", .above(0))
                {
                    if low <= high {
                        shape = .uniform(min: low, max: high)
                    } else {
                        report(value, valuePath, expected: "[low, high] with low <= high", found: "low above high")
                    }
                }
            case "exponential":
                if let parameters = object(value, valuePath, allowed: ["mean"]),
                    let mean = required(parameters, "mean").flatMap({ number($0, parameters.path(of: "mean"), .above(0)) })
                {
                    shape = .exponential(mean: mean)
                }
            default:
                if let parameters = object(value, valuePath, allowed: ["median", "sigma"]) {
                    let median = required(parameters, "median").flatMap {
                        number($0, parameters.path(of: "median"), .above(0))
                    }
                    let sigma = required(parameters, "sigma").flatMap {
                        number($0, parameters.path(of: "sigma"), .between(0, 5))
                    }
                    if let median, let sigma {
                        shape = .lognormal(median: median, sigma: sigma)
                    }
                }
            }
        }
        var minimum: Double?? = .some(nil)
        if let node = members["min"] {
            minimum = number(node, members.path(of: "min"), .atLeast(0)).map { .some($0) }
        }
        var maximum: Double?? = .some(nil)
        if let node = members["max"] {
            maximum = number(node, members.path(of: "max"), .above(0)).map { .some($0) }
        }
        guard let shape, let minimum, let maximum else { return nil }
        if let minimum, let maximum, minimum > maximum, let node = members["max"] {
            return rejected(
                node, members.path(of: "max"), expected: "a number at least min (\(JSONNode.format(minimum)))")
        }
        return ValueDistribution(shape, minimum: minimum, maximum: maximum)
    }

    private mutating func evTypes(_ node: JSONNode, _ path: String) -> [Weighted<EVType>]? {
        guard let items = array(node, path, nonEmpty: true) else { return nil }
        var result: [Weighted<EVType>] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let members = object(item, itemPath, allowed: ["maxPowerKW", "phases", "share"]) else { continue }
            let power = required(members, "maxPowerKW").flatMap {
                number($0, members.path(of: "maxPowerKW"), .between(1, 350))
            }
            var phases: Int? = 1
            if let node = members["phases"] {
                phases = integer(node, members.path(of: "phases"), .between(1, 3))
                if phases == 2 {
                    report(node, members.path(of: "phases"), expected: "1 or 3")
                    phases = nil
                }
            }
            let share = required(members, "share").flatMap { self.share($0, members.path(of: "share")) }
            if let power, let phases, let share {
                result.append(Weighted(EVType(maxPowerKW: power, phases: phases), share: share))
            }
        }
        guard result.count == items.count else { return nil }
        checkSum(result.map(\.share), node, path)
        return result
    }

    private mutating func badgeMix(_ node: JSONNode, _ path: String) -> BadgeMix? {
        let kinds = BadgeKind.allCases.map(\.rawValue)
        guard let members = object(node, path, allowed: kinds) else { return nil }
        let shares = kinds.map { kind in members[kind].map { share($0, members.path(of: kind)) } ?? 0 }
        guard shares.allSatisfy({ $0 != nil }) else { return nil }
        let values = shares.compactMap { $0 }
        checkSum(values, node, path)
        return BadgeMix(valid: values[0], unknown: values[1], expired: values[2], blocked: values[3])
    }
}
