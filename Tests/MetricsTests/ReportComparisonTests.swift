import Testing

@testable import Metrics

@Suite struct ReportComparisonTests {
    @Test func aRunComparedWithItselfHasNoRegression() {
        let report = ReportFixture.report()
        let comparison = ReportComparison(base: report, new: report, maxRegression: 0.10)
        #expect(comparison.regressions.isEmpty)
        #expect(comparison.rows.allSatisfy { $0.change == 0 })
        #expect(comparison.rendered().hasSuffix("no regression beyond 10%\n"))
    }

    @Test func aLatencyUpByMoreThanTheThresholdIsARegression() throws {
        let base = ReportFixture.report()
        var new = base
        let index = try #require(new.actions.firstIndex { $0.name == "StartTransaction" })
        new.actions[index].latency.p99 = base.actions[index].latency.p99 * 12 / 10
        let comparison = ReportComparison(base: base, new: new, maxRegression: 0.10)
        #expect(comparison.regressions.map(\.figure) == ["StartTransaction p99 ms"])
        #expect(comparison.rendered().contains("1 regression beyond 10%: StartTransaction p99 ms"))
        #expect(ReportComparison(base: base, new: new, maxRegression: 0.25).regressions.isEmpty)
    }

    @Test func aLatencyDownIsNoRegression() throws {
        let base = ReportFixture.report()
        var new = base
        let index = try #require(new.actions.firstIndex { $0.name == "Heartbeat" })
        new.actions[index].latency.p50 /= 2
        #expect(ReportComparison(base: base, new: new, maxRegression: 0.10).regressions.isEmpty)
    }

    @Test func throughputDownByMoreThanTheThresholdIsARegression() throws {
        let base = ReportFixture.report()
        var new = base
        new.sentPerSecond = base.sentPerSecond * 0.85
        let comparison = ReportComparison(base: base, new: new, maxRegression: 0.10)
        let row = try #require(comparison.rows.first { $0.figure == "msgs/s" })
        #expect(row.regressed)
        #expect(abs((row.change ?? 0) + 0.15) < 1e-9)
    }

    @Test func timeoutsWhereThereWereNoneAreARegressionWhateverTheThreshold() throws {
        var base = ReportFixture.report()
        base.allActions.timeouts = 0
        let new = ReportFixture.report()
        let comparison = ReportComparison(base: base, new: new, maxRegression: 1)
        let row = try #require(comparison.rows.first { $0.figure == "timeouts %" })
        #expect(row.regressed)
        #expect(row.change == nil)
        #expect(comparison.rendered().contains("from 0"))
    }

    @Test func anActionOnlyOneRunAnsweredIsShownButNotJudged() throws {
        let base = ReportFixture.report()
        var new = base
        new.actions.removeAll { $0.name == "BootNotification" }
        let comparison = ReportComparison(base: base, new: new, maxRegression: 0.10)
        let row = try #require(comparison.rows.first { $0.figure == "BootNotification p99 ms" })
        #expect(row.new == nil)
        #expect(!row.regressed)
    }
}
