import Testing

@testable import Metrics

/// The fixture's report with every action resting on `calls` calls, all answered with a CallResult (the
/// run's figures are those of the three actions together).
private func report(calls: UInt64) -> RunReport {
    var report = ReportFixture.report()
    for index in report.actions.indices {
        report.actions[index].sent = calls
        report.actions[index].ok = calls
        report.actions[index].callErrorsByCode = [:]
        report.actions[index].timeouts = 0
        report.actions[index].latency.count = calls
    }
    report.allActions.sent = calls * UInt64(report.actions.count)
    report.allActions.ok = report.allActions.sent
    report.allActions.callErrorsByCode = [:]
    report.allActions.timeouts = 0
    report.allActions.latency.count = report.allActions.sent
    return report
}

private func withLatency(
    _ report: RunReport, of action: String, _ change: (inout LatencySummary) -> Void
) throws -> RunReport {
    var report = report
    let index = try #require(report.actions.firstIndex { $0.name == action })
    change(&report.actions[index].latency)
    return report
}

@Suite struct ReportComparisonTests {
    @Test func aRunComparedWithItselfHasNoRegression() {
        let report = report(calls: 5_000)
        let comparison = ReportComparison(base: report, new: report)
        #expect(comparison.verdict == .noRegression)
        #expect(comparison.rows.allSatisfy { $0.change == 0 || $0.change == nil })
        #expect(comparison.rendered().contains("no regression: "))
    }

    @Test func aP99TwentyPercentWorseIsARegression() throws {
        let base = report(calls: 5_000)
        let new = try withLatency(base, of: "StartTransaction") { $0.p99 = $0.p99 * 12 / 10 }
        let comparison = ReportComparison(base: base, new: new)
        #expect(comparison.verdict == .regression)
        #expect(comparison.regressions.map(\.figure) == ["StartTransaction p99 ms"])
        #expect(comparison.rendered().contains("REGRESSION: 1 figure worse beyond its threshold: StartTransaction p99 ms (+20.0%)"))
    }

    @Test func aP99TwoPercentWorseIsWithinTheDefaultThreshold() throws {
        let base = report(calls: 5_000)
        let new = try withLatency(base, of: "StartTransaction") { $0.p99 = $0.p99 * 102 / 100 }
        #expect(ReportComparison(base: base, new: new).verdict == .noRegression)
    }

    @Test func aThresholdNamedForTheP99AppliesToItAlone() throws {
        let base = report(calls: 5_000)
        let new = try withLatency(base, of: "StartTransaction") { $0.p99 = $0.p99 * 12 / 10 }
        let generous = try RegressionThresholds(parsing: "p99=25%")
        #expect(ReportComparison(base: base, new: new, thresholds: generous).verdict == .noRegression)
        let slower = try withLatency(base, of: "StartTransaction") { $0.p50 = $0.p50 * 12 / 10 }
        #expect(ReportComparison(base: base, new: slower, thresholds: generous).verdict == .regression)
    }

    @Test func aP999WorseOnTooFewSamplesIsInconclusive() throws {
        // 500 calls: enough behind a p99 (100), too few behind a p99.9 (1,000).
        let base = report(calls: 500)
        let new = try withLatency(base, of: "Heartbeat") { $0.p999 = $0.p999 * 15 / 10 }
        let comparison = ReportComparison(base: base, new: new)
        #expect(comparison.verdict == .inconclusive)
        #expect(comparison.regressions.isEmpty)
        #expect(comparison.unsupported.map(\.figure) == ["Heartbeat p99.9 ms"])
        let text = comparison.rendered()
        #expect(text.contains("INCONCLUSIVE: the data cannot support a verdict"))
        #expect(text.contains("Heartbeat p99.9 ms is worse (+50.0%, limit +20%) on 500 samples, 1000 needed: run longer"))
    }

    @Test func aRegressionProvenElsewhereOutweighsAnInconclusiveFigure() throws {
        let base = report(calls: 500)
        let new = try withLatency(base, of: "Heartbeat") {
            $0.p999 = $0.p999 * 15 / 10
            $0.p99 = $0.p99 * 15 / 10
        }
        #expect(ReportComparison(base: base, new: new).verdict == .regression)
    }

    @Test func figuresOnTooFewSamplesThatDidNotMoveAreNotJudgedAndSaidSo() throws {
        let report = report(calls: 500)
        let comparison = ReportComparison(base: report, new: report)
        #expect(comparison.verdict == .noRegression)
        let row = try #require(comparison.rows.first { $0.figure == "Heartbeat p99.9 ms" })
        #expect(!row.judged)
        #expect(row.baseSamples == 500 && row.newSamples == 500 && row.requiredSamples == 1_000)
        #expect(comparison.rendered().contains("500/500 <1000  few samples"))
        #expect(comparison.rendered().contains("not judged for want of samples"))
    }

    @Test func aRunTooShortForEveryFigureOfItsCallsIsInconclusive() {
        // 10 calls per action: not even a p50 can be judged, whatever the stations connected.
        let report = report(calls: 10)
        let comparison = ReportComparison(base: report, new: report)
        #expect(comparison.verdict == .inconclusive)
        #expect(comparison.rendered().contains("no figure of the calls had the samples it needs"))
    }

    @Test func theSamplesAFigureNeedsFollowItsKindAndThreshold() {
        #expect(ReportComparison.requiredSamples(.p50, threshold: 0.1) == 20)
        #expect(ReportComparison.requiredSamples(.p99, threshold: 0.1) == 100)
        #expect(ReportComparison.requiredSamples(.p999, threshold: 0.2) == 1_000)
        // One call among 1,000 is 0.1 point of a rate.
        #expect(ReportComparison.requiredSamples(.errors, threshold: 0.001) == 1_000)
        #expect(ReportComparison.requiredSamples(.timeouts, threshold: 0.01) == 100)
        // A count of 100 varies by about 10 from run to run.
        #expect(ReportComparison.requiredSamples(.throughput, threshold: 0.1) == 100)
    }

    @Test func errorRatesAreJudgedByTheirChangeInPoints() throws {
        let base = report(calls: 10_000)
        func withHeartbeatErrors(_ count: UInt64) throws -> RunReport {
            var report = base
            let index = try #require(report.actions.firstIndex { $0.name == "Heartbeat" })
            report.actions[index].callErrorsByCode = ["InternalError": count]
            return report
        }
        // 0.3 % → 0.35 %: within 0.1 point; 0.3 % → 0.45 %: beyond it.
        let before = try withHeartbeatErrors(30)
        #expect(ReportComparison(base: before, new: try withHeartbeatErrors(35)).verdict == .noRegression)
        let worse = ReportComparison(base: before, new: try withHeartbeatErrors(45))
        #expect(worse.regressions.map(\.figure) == ["Heartbeat errors %"])
        #expect(worse.rendered().contains("Heartbeat errors % (+0.150pt)"))
    }

    @Test func connectionTimesAreComparedOnTheirOwnThreshold() throws {
        var base = report(calls: 5_000)
        base.connectTime = LatencySummary(count: 500, p50: 2_000, p90: 3_000, p99: 4_000, p999: 4_000, max: 4_000)
        var new = base
        new.connectTime.p99 = 4_600
        let comparison = ReportComparison(base: base, new: new)
        let row = try #require(comparison.rows.first { $0.figure == "connect p99 ms" })
        #expect(row.base == 4 && row.new == 4.6 && row.requiredSamples == 100)
        #expect(comparison.verdict == .noRegression)
        new.connectTime.p99 = 5_000
        #expect(ReportComparison(base: base, new: new).regressions.map(\.figure) == ["connect p99 ms"])
        #expect(ReportComparison(base: base, new: new, thresholds: try RegressionThresholds(parsing: "connect_time=30%")).verdict == .noRegression)
    }

    @Test func throughputDownByMoreThanTheThresholdIsARegression() throws {
        let base = report(calls: 5_000)
        var new = base
        new.sentPerSecond = base.sentPerSecond * 0.85
        let comparison = ReportComparison(base: base, new: new)
        let row = try #require(comparison.rows.first { $0.figure == "msgs/s" })
        #expect(row.regressed)
        #expect(abs((row.change ?? 0) + 0.15) < 1e-9)
    }

    @Test func eachBaselineFigureIsTheMedianOfTheBaselines() throws {
        let base = report(calls: 5_000)
        // StartTransaction p99: 100, 200 and 110 ms; the median is 110 (the mean, 136.7, would hide a
        // regression to 125).
        let baselines = try [100_000, 200_000, 110_000].map { p99 in
            try withLatency(base, of: "StartTransaction") { $0.p99 = UInt64(p99) }
        }
        let fewer = try withLatency(baselines[1], of: "StartTransaction") { $0.count = 4_000 }
        let new = try withLatency(base, of: "StartTransaction") { $0.p99 = 125_000 }
        let comparison = ReportComparison(baselines: [baselines[0], fewer, baselines[2]], new: new)
        let row = try #require(comparison.rows.first { $0.figure == "StartTransaction p99 ms" })
        #expect(row.base == 110)
        #expect(row.baseSamples == 4_000)
        #expect(row.regressed)
        #expect(comparison.rendered().hasPrefix("baseline: the median of 3 reports\n"))
        let even = ReportComparison(baselines: Array(baselines.prefix(2)), new: new)
        #expect(even.rows.first { $0.figure == "StartTransaction p99 ms" }?.base == 150)
    }

    @Test func anInterruptedRunMakesTheVerdictInconclusive() {
        let base = report(calls: 5_000)
        var new = base
        new.interrupted = true
        let comparison = ReportComparison(base: base, new: new)
        #expect(comparison.verdict == .inconclusive)
        #expect(comparison.rendered().contains("the new run stopped before its end"))
    }

    @Test func anActionOnlyOneRunAnsweredIsShownButNotJudged() throws {
        let base = report(calls: 5_000)
        var new = base
        new.actions.removeAll { $0.name == "BootNotification" }
        let comparison = ReportComparison(base: base, new: new)
        let row = try #require(comparison.rows.first { $0.figure == "BootNotification p99 ms" })
        #expect(row.new == nil)
        #expect(!row.judged && !row.regressed)
        #expect(comparison.verdict == .noRegression)
    }

    @Test func theJUnitDocumentIsWellFormedWithOneCasePerFigure() throws {
        let base = report(calls: 500)
        let new = try withLatency(base, of: "Heartbeat") {
            $0.p999 = $0.p999 * 15 / 10
            $0.p99 = $0.p99 * 15 / 10
        }
        let comparison = ReportComparison(base: base, new: new)
        let counts = try XMLWellFormedness.elementCounts(of: comparison.junit()).get()
        #expect(counts["testsuite"] == 1)
        #expect(counts["testcase"] == comparison.rows.count)
        #expect(counts["failure"] == 1)
        #expect(counts["error"] == 1)
        #expect(counts["skipped"] == comparison.rows.filter { !$0.judged && !$0.inconclusive }.count)
        #expect(comparison.junit().contains("<property name=\"verdict\" value=\"regression\"/>"))
        #expect(comparison.junit().contains("failures=\"1\" errors=\"1\""))
    }
}

@Suite struct RegressionThresholdsTests {
    @Test func namedFiguresTakeTheirShareAndTheOthersKeepTheirDefaults() throws {
        let thresholds = try RegressionThresholds(parsing: "p99=15%, errors=0.5%,p99.9=0.3")
        #expect(thresholds[.p99] == 0.15)
        #expect(thresholds[.errors] == 0.005)
        #expect(thresholds[.p999] == 0.3)
        #expect(thresholds[.p50] == RegressionThresholds.defaults[.p50])
        #expect(thresholds[.timeouts] == 0.001)
    }

    @Test func aBareShareSetsEveryRelativeFigureButNotTheRates() throws {
        let thresholds = try RegressionThresholds(parsing: "20%,p99=5%")
        for kind in [RegressionThresholds.Kind.p50, .p999, .throughput, .connected, .transactions] {
            #expect(thresholds[kind] == 0.2, "\(kind)")
        }
        #expect(thresholds[.p99] == 0.05)
        #expect(thresholds[.errors] == RegressionThresholds.defaults[.errors])
    }

    @Test func latencySetsTheThreePercentiles() throws {
        let thresholds = try RegressionThresholds(parsing: "latency=30%")
        #expect([thresholds[.p50], thresholds[.p99], thresholds[.p999]] == [0.3, 0.3, 0.3])
    }

    @Test func anUnknownFigureOrABadShareIsRefusedWithThePartAtFault() {
        #expect(throws: RegressionThresholdsError.self) { try RegressionThresholds(parsing: "p98=10%") }
        #expect {
            try RegressionThresholds(parsing: "p99=10%,errors=lots")
        } throws: { error in
            (error as? RegressionThresholdsError)?.message == "'errors=lots': expected a share such as 10% or 0.1"
        }
    }

    @Test func theDescriptionReadsBackAsTheSameThresholds() throws {
        let thresholds = try RegressionThresholds(parsing: "p99=12.5%,errors=0.25%")
        #expect(try RegressionThresholds(parsing: thresholds.description) == thresholds)
        #expect(RegressionThresholds.defaults.description.hasPrefix("p50=10%,p99=10%,p99.9=20%,"))
    }
}
