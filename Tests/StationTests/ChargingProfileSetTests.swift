import Testing

@testable import Station

@Suite struct ChargingProfileSetTests {
    typealias Profile = ChargingLimitProfile
    let hour: Int64 = 3_600_000

    func profile(
        id: Int, connector: Int = 1, stack: Int = 0, purpose: Profile.Purpose = .txDefault,
        kind: Profile.Kind = .absolute, start: Int64? = 0, duration: Int? = nil, unit: Profile.Unit = .watts,
        periods: [(Int, Double)]
    ) -> Profile {
        Profile(
            id: id, connectorId: connector, stackLevel: stack, purpose: purpose, kind: kind, startSchedule: start,
            durationSeconds: duration, unit: unit, periods: periods.map { .init(startSeconds: $0.0, limit: $0.1) })
    }

    @Test func withoutProfilesNothingLimits() {
        let set = ChargingProfileSet()
        #expect(set.limit(connectorId: 1, phases: 3, at: 0, transaction: nil).watts == nil)
    }

    @Test func theHigherStackLevelWins() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, stack: 0, periods: [(0, 11_000)]))
        set.install(profile(id: 2, stack: 1, periods: [(0, 3_000)]))
        #expect(set.limit(connectorId: 1, phases: 3, at: 10, transaction: nil).watts == 3_000)
    }

    @Test func aLowerStackLevelAppliesWhenTheHigherOneHasEnded() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, stack: 0, periods: [(0, 11_000)]))
        set.install(profile(id: 2, stack: 1, duration: 3_600, periods: [(0, 3_000)]))
        let (watts, next) = set.limit(connectorId: 1, phases: 3, at: 0, transaction: nil)
        #expect(watts == 3_000)
        #expect(next == hour)
        #expect(set.limit(connectorId: 1, phases: 3, at: hour, transaction: nil).watts == 11_000)
    }

    @Test func theChargePointMaximumCapsTheConnector() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, connector: 0, purpose: .chargePointMax, periods: [(0, 5_000)]))
        set.install(profile(id: 2, periods: [(0, 11_000)]))
        #expect(set.limit(connectorId: 1, phases: 3, at: 0, transaction: nil).watts == 5_000)
    }

    @Test func aTxProfileOverridesTheDefaultDuringATransaction() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, periods: [(0, 3_000)]))
        set.install(profile(id: 2, purpose: .tx, kind: .relative, start: nil, periods: [(0, 7_000)]))
        #expect(set.limit(connectorId: 1, phases: 3, at: 0, transaction: (5, 0)).watts == 7_000)
        #expect(set.limit(connectorId: 1, phases: 3, at: 0, transaction: nil).watts == 3_000)
    }

    @Test func aDefaultOnConnectorZeroAppliesToEveryConnector() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, connector: 0, periods: [(0, 4_000)]))
        #expect(set.limit(connectorId: 2, phases: 1, at: 0, transaction: nil).watts == 4_000)
    }

    @Test func amperesBecomeWattsOnThePhasesInUse() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, unit: .amperes, periods: [(0, 16)]))
        #expect(set.limit(connectorId: 1, phases: 1, at: 0, transaction: nil).watts == 3_680.0)
        #expect(set.limit(connectorId: 1, phases: 3, at: 0, transaction: nil).watts == 11_040.0)
    }

    @Test func aRelativeScheduleStartsWithTheTransaction() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, kind: .relative, start: nil, periods: [(0, 2_000), (1_800, 6_000)]))
        let txStart: Int64 = 10 * hour
        #expect(set.limit(connectorId: 1, phases: 3, at: txStart + 60_000, transaction: (1, txStart)).watts == 2_000)
        #expect(set.limit(connectorId: 1, phases: 3, at: txStart + hour, transaction: (1, txStart)).watts == 6_000)
    }

    @Test func aDailyScheduleRepeatsEveryDay() {
        var set = ChargingProfileSet()
        // 18:00 to 22:00 limited, else free (as a peak-hour rule).
        set.install(
            profile(
                id: 1, kind: .daily, start: 0, periods: [(0, 11_000), (18 * 3_600, 2_000), (22 * 3_600, 11_000)]))
        let day: Int64 = 24 * hour
        #expect(set.limit(connectorId: 1, phases: 3, at: 3 * day + 19 * hour, transaction: nil).watts == 2_000)
        #expect(set.limit(connectorId: 1, phases: 3, at: 3 * day + 23 * hour, transaction: nil).watts == 11_000)
        #expect(set.limit(connectorId: 1, phases: 3, at: 3 * day + 23 * hour, transaction: nil).next == 4 * day)
    }

    @Test func theCompositeScheduleFollowsEveryChange() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, connector: 0, purpose: .chargePointMax, periods: [(0, 10_000)]))
        set.install(profile(id: 2, stack: 1, start: 0, periods: [(0, 4_000), (600, 20_000), (1_200, 6_000)]))
        let periods = set.composite(
            connectorId: 1, phases: 3, from: 0, durationSeconds: 3_600, unit: .watts, transaction: nil,
            hardwareWatts: 22_080, maxPeriods: 100)
        #expect(periods.map(\.startSeconds) == [0, 600, 1_200])
        #expect(periods.map(\.limit) == [4_000, 10_000, 6_000])
    }

    @Test func theCompositeScheduleInAmperesUsesTheConnectorPhases() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, periods: [(0, 6_900)]))
        let periods = set.composite(
            connectorId: 1, phases: 3, from: 0, durationSeconds: 60, unit: .amperes, transaction: nil,
            hardwareWatts: 22_080, maxPeriods: 100)
        #expect(periods.map(\.limit) == [10])
    }

    @Test func withoutProfilesTheCompositeIsTheHardwareLimit() {
        let periods = ChargingProfileSet().composite(
            connectorId: 1, phases: 3, from: 0, durationSeconds: 60, unit: .watts, transaction: nil,
            hardwareWatts: 22_080, maxPeriods: 100)
        #expect(periods.map(\.limit) == [22_080])
    }

    @Test func sameIdOrSameStackAndPurposeReplaces() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, stack: 0, periods: [(0, 1_000)]))
        set.install(profile(id: 1, stack: 2, periods: [(0, 2_000)]))
        set.install(profile(id: 3, stack: 2, periods: [(0, 3_000)]))
        #expect(set.profiles.map(\.id) == [3])
    }

    @Test func clearByIdIgnoresTheOtherCriteria() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, periods: [(0, 1_000)]))
        #expect(set.clear(id: 1, connectorId: 2, purpose: .tx, stackLevel: 9) == 1)
        #expect(set.profiles.isEmpty)
    }

    @Test func clearByCriteriaRemovesOnlyMatches() {
        var set = ChargingProfileSet()
        set.install(profile(id: 1, stack: 0, periods: [(0, 1_000)]))
        set.install(profile(id: 2, stack: 1, periods: [(0, 1_000)]))
        #expect(set.clear(id: nil, connectorId: 1, purpose: .txDefault, stackLevel: 1) == 1)
        #expect(set.profiles.map(\.id) == [1])
        #expect(set.clear(id: nil, connectorId: 2, purpose: nil, stackLevel: nil) == 0)
    }
}
