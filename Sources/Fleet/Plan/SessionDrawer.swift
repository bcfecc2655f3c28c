/// Draws one station's EV sessions, one random stream per charging point.
struct SessionDrawer {
    let site: SiteProfile
    let station: Int
    let seed: UInt64
    let chargingPoints: Int
    let plugAndCharge: Bool
    private(set) var turnedAway = 0

    init(site: SiteProfile, station: Int, seed: UInt64, chargingPoints: Int, plugAndCharge: Bool) {
        self.site = site
        self.station = station
        self.seed = seed
        self.chargingPoints = chargingPoints
        self.plugAndCharge = plugAndCharge
    }

    private static let hour: Int64 = 3_600_000
    private static let day: Int64 = 86_400_000

    /// Arrivals of a Poisson process whose rate changes with the local hour (and weekday).
    mutating func drawPoisson(
        point: Int, arrivals: ArrivalModel, start: Int64, end: Int64, utcOffsetSeconds: Int,
        into sessions: inout [PlannedSession]
    ) {
        var stream = RandomStream(seed: seed, station: station, purpose: .plan, substream: point)
        var time = start
        var busyUntil = Int64.min
        while time < end {
            let local = time + Int64(utcOffsetSeconds) * 1000
            let localDay = local >= 0 ? local / Self.day : (local - Self.day + 1) / Self.day
            let intoDay = local - localDay * Self.day
            // 1 January 1970 was a Thursday: day 0 is weekday 3 when Monday is 0.
            let weekday = Int((localDay + 3) % 7 + 7) % 7
            let boundary = time + (Self.hour - intoDay % Self.hour)
            let rate = arrivals.rate(weekday: weekday, hour: Int(intoDay / Self.hour)) ?? 0
            guard rate > 0 else {
                time = boundary
                continue
            }
            let gap = stream.exponential(rate: rate / Double(Self.hour))
            // The process is memoryless: a gap that crosses into the next hour starts again from there.
            guard Double(time) + gap < Double(boundary) else {
                time = boundary
                continue
            }
            time += Int64(gap)
            guard time < end else { break }
            let session = draw(at: time, point: point, stream: &stream)
            if time < busyUntil {
                turnedAway += 1
            } else {
                sessions.append(session)
                busyUntil = session.departure
            }
        }
    }

    /// The arrivals of an explicit list that concern this station, each at its charging point or the first free one.
    mutating func drawExplicit(
        _ arrivals: [ExplicitArrival], start: Int64, end: Int64, into sessions: inout [PlannedSession]
    ) {
        var streams = (0..<chargingPoints).map {
            RandomStream(seed: seed, station: station, purpose: .plan, substream: $0)
        }
        var busyUntil = [Int64](repeating: .min, count: chargingPoints)
        let mine = arrivals.filter { $0.station == nil || $0.station == station + 1 }.sorted { $0.at < $1.at }
        for arrival in mine {
            let time = start + arrival.at
            guard time < end else { break }
            let point: Int
            if let wanted = arrival.chargingPoint {
                guard wanted <= chargingPoints else { continue }
                point = wanted - 1
            } else {
                point = busyUntil.firstIndex { $0 <= time } ?? 0
            }
            let session = draw(at: time, point: point, stream: &streams[point])
            if time < busyUntil[point] {
                turnedAway += 1
            } else {
                sessions.append(session)
                busyUntil[point] = session.departure
            }
        }
    }

    /// One session's traits; always the same draws in the same order, so streams stay aligned.
    private func draw(at time: Int64, point: Int, stream: inout RandomStream) -> PlannedSession {
        let dwellMinutes = site.dwellMinutes.draw(from: &stream)
        let energyKWh = site.energyKWh.draw(from: &stream)
        let ev = site.evs[stream.weightedIndex(site.evs.map(\.share))].value
        let startDraw = stream.unit()
        let kind = BadgeKind.allCases[stream.weightedIndex(site.badges.shares)]
        let badgeNumber = Int(stream.next() % UInt64(BadgeNaming.poolSize))
        let domestic = stream.chance(site.domesticSocketShare)

        let start: SessionStart
        if plugAndCharge {
            start = .plugAndCharge
        } else if startDraw < site.remoteStartShare {
            start = .remote(idTag: BadgeNaming.remoteIdTag(station: station))
        } else {
            start = .badge(idTag: BadgeNaming.idTag(station: station, kind: kind, number: badgeNumber), kind: kind)
        }
        return PlannedSession(
            arrival: time, departure: time + max(60_000, Int64(dwellMinutes * 60_000)), chargingPoint: point,
            connectorId: point * 2 + (domestic ? 2 : 1), energyWh: energyKWh * 1000, ev: ev, start: start)
    }
}
