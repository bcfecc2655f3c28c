import Basics
import Foundation
import Testing

@testable import Fleet

@Suite struct FleetPlanTests {
    private static let hour: Int64 = 3_600_000

    private func profile(_ sites: String, extra: String = "") throws -> Profile {
        let json = """
            {"name": "t", "description": "test", "start": "2026-01-05T00:00:00+01:00",
             "sites": [\(sites)] \(extra)}
            """
        return try Profile.parse(Array(json.utf8), file: "t.json")
    }

    private func site(arrivals: String, extra: String = "") -> String {
        """
        {"name": "s", "arrivals": \(arrivals), "dwellMinutes": {"fixed": 1}, "energyKWh": {"fixed": 5} \(extra)}
        """
    }

    @Test func aStationsPlanDoesNotDependOnFleetSizeOrShard() throws {
        let profile = try Profile.load(file: packageRootPath("Profiles/default.json"))
        let small = FleetPlan(profile: profile, fleetSize: 10, seed: 9, duration: 24 * Self.hour)
        let large = FleetPlan(profile: profile, fleetSize: 50_000, seed: 9, duration: 24 * Self.hour,
            shard: FleetShard(index: 0, count: 7))
        #expect(large.stations.contains(3))
        for index in 0..<10 {
            #expect(small.station(index) == large.station(index))
        }
    }

    @Test func anotherSeedGivesAnotherPlan() throws {
        let profile = try Profile.load(file: packageRootPath("Profiles/default.json"))
        let one = FleetPlan(profile: profile, fleetSize: 20, seed: 1, duration: 24 * Self.hour)
        let two = FleetPlan(profile: profile, fleetSize: 20, seed: 2, duration: 24 * Self.hour)
        #expect((0..<20).map(one.station) != (0..<20).map(two.station))
    }

    @Test func aShorterRunPlansTheStartOfALongerOne() throws {
        let profile = try Profile.load(file: packageRootPath("Profiles/default.json"))
        let day = FleetPlan(profile: profile, fleetSize: 200, seed: 5, duration: 24 * Self.hour)
        let evening = FleetPlan(profile: profile, fleetSize: 200, seed: 5, duration: 3 * Self.hour)
        var compared = 0
        for index in 0..<200 {
            let early = day.station(index).sessions.filter { $0.arrival < evening.end }
            #expect(evening.station(index).sessions == early)
            compared += early.count
        }
        #expect(compared > 20)
    }

    @Test func hourlyArrivalCountsMatchTheRates() throws {
        let rates = (0..<24).map { Double(($0 * 7) % 5) * 0.05 }
        let profile = try profile(site(arrivals: "{\"hourly\": \(rates)}"))
        let stations = 2_000
        let plan = FleetPlan(profile: profile, fleetSize: stations, seed: 11, duration: 24 * Self.hour)
        var counts = [Int](repeating: 0, count: 24)
        for index in plan.stations {
            let station = plan.station(index)
            #expect(station.turnedAway == 0 || station.model == .oneEV)
            for session in station.sessions {
                // Local hours: the profile starts at local midnight.
                counts[Int((session.arrival - plan.start) / Self.hour)] += 1
            }
        }
        let points = Double((0..<stations).map { plan.station($0).model.chargingPoints }.reduce(0, +))
        for hour in 0..<24 {
            let expected = rates[hour] * points
            // A Poisson count: within five standard deviations.
            #expect(abs(Double(counts[hour]) - expected) <= 5 * expected.squareRoot() + 1, "hour \(hour)")
        }
    }

    @Test func weeklyRatesFollowTheLocalWeekday() throws {
        var week = [[Double]](repeating: [Double](repeating: 0, count: 24), count: 7)
        week[1][8] = 2  // Tuesday, 08:00 to 09:00 local time
        let profile = try profile(site(arrivals: "{\"weekly\": \(week)}"))
        let plan = FleetPlan(profile: profile, fleetSize: 50, seed: 3, duration: 7 * 24 * Self.hour)
        let arrivals = plan.stations.flatMap { plan.station($0).sessions.map(\.arrival) }
        #expect(arrivals.count > 50)
        // Tuesday 6 January 2026, 08:00 at +01:00.
        let tuesdayEight = plan.start + 32 * Self.hour
        #expect(arrivals.allSatisfy { $0 >= tuesdayEight && $0 < tuesdayEight + Self.hour })
    }

    @Test func explicitArrivalsTakeTheFirstFreeChargingPoint() throws {
        let list = """
            {"list": [{"at": "10m"}, {"at": "12m", "station": 1}, {"at": "30m", "station": 2, "chargingPoint": 2}]}
            """
        let profile = try profile(
            site(arrivals: list).replacingOccurrences(of: "{\"fixed\": 1}", with: "{\"fixed\": 60}"),
            extra: ", \"stations\": {\"models\": [{\"model\": \"2VE\", \"share\": 1}]}")
        let plan = FleetPlan(profile: profile, fleetSize: 3, seed: 1, duration: Self.hour)
        let first = plan.station(0).sessions
        #expect(first.map(\.arrival) == [plan.start + 600_000, plan.start + 720_000])
        #expect(first.map(\.chargingPoint) == [0, 1])
        #expect(plan.station(1).sessions.map(\.chargingPoint) == [0, 1])
        #expect(plan.station(2).sessions.count == 1)
    }

    @Test func badgeKindsFollowTheMix() throws {
        let profile = try profile(
            site(arrivals: "{\"poissonPerHour\": 1}",
                extra: ", \"badges\": {\"valid\": 0.5, \"unknown\": 0.5}, \"remoteStartShare\": 0.2"))
        let plan = FleetPlan(profile: profile, fleetSize: 200, seed: 4, duration: 24 * Self.hour)
        var kinds: [String: Int] = [:]
        for index in plan.stations {
            for session in plan.station(index).sessions {
                switch session.start {
                case .badge(let idTag, let kind):
                    kinds[kind.rawValue, default: 0] += 1
                    #expect(idTag.count == 10 && idTag.hasPrefix("T"))
                case .plugAndCharge: kinds["pnc", default: 0] += 1
                case .remote: kinds["remote", default: 0] += 1
                }
            }
        }
        let total = Double(kinds.values.reduce(0, +))
        #expect(total > 3_000)
        #expect(abs(Double(kinds["remote"] ?? 0) / total - 0.2) < 0.03)
        #expect(abs(Double(kinds["valid"] ?? 0) / total - 0.4) < 0.03)
        #expect(abs(Double(kinds["unknown"] ?? 0) / total - 0.4) < 0.03)
        #expect(kinds["pnc"] == nil && kinds["expired"] == nil)
    }

    @Test func plugAndChargeIsAStationTraitAndItsSessionsNeedNoBadge() throws {
        let profile = try profile(site(arrivals: "{\"poissonPerHour\": 0.5}", extra: ", \"plugAndChargeShare\": 0.25"))
        let plan = FleetPlan(profile: profile, fleetSize: 400, seed: 6, duration: 24 * Self.hour)
        let stations = plan.stations.map(plan.station)
        let enabled = stations.filter(\.plugAndCharge)
        #expect(abs(enabled.count - 100) < 40)
        #expect(enabled.allSatisfy { $0.sessions.allSatisfy { $0.start == .plugAndCharge } })
        #expect(stations.filter { !$0.plugAndCharge }.allSatisfy { $0.sessions.allSatisfy { $0.start != .plugAndCharge } })
        #expect(stations.allSatisfy { $0.powerOn >= plan.start && $0.powerOn < plan.start + 60_000 })
    }

    @Test func timedEventsReachTheirShareWithinTheirSpread() throws {
        let profile = try profile(
            site(arrivals: "{\"list\": []}"),
            extra: ", \"events\": [{\"at\": \"1h\", \"event\": \"powerCycle\", \"share\": 0.3, \"over\": \"10m\"}]")
        let plan = FleetPlan(profile: profile, fleetSize: 1_000, seed: 8, duration: 2 * Self.hour)
        let reached = plan.stations.flatMap { plan.station($0).events }
        #expect(abs(reached.count - 300) < 75)
        #expect(reached.allSatisfy { $0.event == 0 && $0.at >= plan.start + Self.hour && $0.at < plan.start + Self.hour + 600_000 })
    }

    @Test func dwellAndEnergyFollowTheirDistributionsWithinTheirBounds() throws {
        let site = """
            {"name": "s", "arrivals": {"poissonPerHour": 0.5},
             "dwellMinutes": {"lognormal": {"median": 120, "sigma": 0.5}},
             "energyKWh": {"exponential": {"mean": 10}, "min": 2, "max": 30}}
            """
        let plan = FleetPlan(profile: try profile(site), fleetSize: 300, seed: 12, duration: 48 * Self.hour)
        let sessions = plan.stations.flatMap { plan.station($0).sessions }
        #expect(sessions.count > 2_000)
        let dwells = sessions.map { Double($0.departure - $0.arrival) / 60_000 }.sorted()
        // The median of a few thousand lognormal draws is within a few percent of the profile's.
        #expect(abs(dwells[dwells.count / 2] - 120) < 8)
        let energies = sessions.map(\.energyWh)
        #expect(energies.allSatisfy { $0 >= 2_000 && $0 <= 30_000 })
        #expect(energies.contains(2_000) && energies.contains(30_000))
    }
}
