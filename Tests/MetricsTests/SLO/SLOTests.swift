import Testing

@testable import Metrics

@Suite struct SLOParsingTests {
    static let validExpressions: [(String, SLOQuantity, SLOComparison, Double, SLOUnit)] = [
        ("p99(StartTransaction) < 800ms", .latency(.p99, series: "StartTransaction"), .less, 800, .millis),
        ("p50(*) <= 200ms", .latency(.p50, series: "*"), .lessOrEqual, 200, .millis),
        ("p99.9( Authorize ) < 1.5s", .latency(.p999, series: "Authorize"), .less, 1.5, .seconds),
        ("max(Heartbeat)<900us", .latency(.max, series: "Heartbeat"), .less, 900, .micros),
        ("service_p90(MeterValues) < 50 ms", .serviceTime(.p90, series: "MeterValues"), .less, 50, .millis),
        ("lag_p99 < 20ms", .schedulerLag(.p99), .less, 20, .millis),
        ("errors < 0.1%", .counter(.errors, series: "*"), .less, 0.1, .percent),
        ("errors(Authorize) < 1%", .counter(.errors, series: "Authorize"), .less, 1, .percent),
        ("call_errors == 0", .counter(.callErrors, series: "*"), .equal, 0, .none),
        ("timeouts == 0", .counter(.timeouts, series: "*"), .equal, 0, .none),
        ("late(Heartbeat) < 1%", .counter(.late, series: "Heartbeat"), .less, 1, .percent),
        ("sent(Heartbeat) > 100", .counter(.sent, series: "Heartbeat"), .greater, 100, .none),
        ("connected >= 99.9%", .connected, .greaterOrEqual, 99.9, .percent),
        ("msgs_per_s >= 5000", .messagesPerSecond, .greaterOrEqual, 5000, .none),
        ("reconnects <= 100", .reconnects, .lessOrEqual, 100, .none),
        ("failed_connections != 3", .failedConnections, .notEqual, 3, .none),
        ("  lost_transactions == 0  ", .lostTransactions, .equal, 0, .none),
        ("lost_messages < 0.5%", .lostMessages, .less, 0.5, .percent),
        ("unsent_at_end == 0", .unsentAtEnd, .equal, 0, .none),
        ("bad_frames == 0", .badFrames, .equal, 0, .none),
        ("unmatched_answers <= 10", .unmatchedAnswers, .lessOrEqual, 10, .none),
    ]

    @Test(arguments: validExpressions)
    func eachFormOfTheGrammarParses(
        expression: String, quantity: SLOQuantity, comparison: SLOComparison, threshold: Double, unit: SLOUnit
    ) throws {
        let slo = try SLO(parsing: expression)
        #expect(slo.quantity == quantity)
        #expect(slo.comparison == comparison)
        #expect(slo.threshold == threshold)
        #expect(slo.unit == unit)
    }

    /// (expression, column of the error, a word the message must hold)
    static let badExpressions: [(String, Int, String)] = [
        ("", 1, "expected a metric"),
        ("p98(StartTransaction) < 1ms", 1, "unknown metric 'p98'"),
        ("p99 < 800ms", 5, "expected '('"),
        ("p99(StartTransaction < 800ms", 22, "expected ')'"),
        ("p99() < 800ms", 5, "expected an action"),
        ("p99(*) 800ms", 8, "expected a comparison"),
        ("p99(*) =< 800ms", 8, "expected a comparison"),
        ("p99(*) < ms", 10, "expected a number"),
        ("p99(*) < 800", 13, "expected a unit"),
        ("p99(*) < 800%", 13, "is a duration"),
        ("p99(*) < 800 minutes", 14, "unknown unit 'minutes'"),
        ("errors < 0.1ms", 13, "is a count"),
        ("errors < 1.%", 12, "digits after the decimal point"),
        ("msgs_per_s >= 50%", 17, "is a rate"),
        ("bad_frames < 1%", 15, "counts frames from the CSMS"),
        ("unmatched_answers(Heartbeat) == 0", 18, "takes no action"),
        ("msgs_per_s(Heartbeat) > 1", 11, "takes no action"),
        ("lag_p99(Heartbeat) < 1ms", 8, "takes no action"),
        ("timeouts == 0 )", 15, "unexpected ')'"),
        ("timeouts == 0 or more", 15, "unknown unit 'or'"),
    ]

    @Test(arguments: badExpressions)
    func aBadExpressionReportsTheColumnWhereItStopsFitting(expression: String, column: Int, message: String) {
        #expect {
            try SLO(parsing: expression)
        } throws: { error in
            guard let error = error as? SLOParseError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }

    @Test func theErrorTextPointsACaretAtTheColumn() {
        let error = SLOParseError(expression: "p99(*) < 800", column: 13, message: "expected a unit")
        #expect(error.description.hasSuffix("\n  p99(*) < 800\n              ^"))
    }
}

@Suite struct SLOEvaluationTests {
    let report = ReportFixture.report()

    func result(_ expression: String) throws -> SLOResult {
        try SLO(parsing: expression).evaluate(against: report)
    }

    @Test func aLatencyObjectiveMeasuresThePercentileInTheThresholdsUnit() throws {
        let expected = Double(try #require(report.figures(for: "StartTransaction")).latency.p99) / 1000
        let passing = try result("p99(StartTransaction) < 800ms")
        #expect(passing.ok)
        #expect(passing.value == expected)
        #expect(passing.unit == "ms")
        let failing = try result("p99(StartTransaction) < 0.5s")
        #expect(!failing.ok)
        #expect(failing.value == expected / 1000)
        #expect(failing.detail.contains("p99(StartTransaction) = 0.6s, needs < 0.5s"))
    }

    @Test func anErrorShareIsAPercentageOfTheCallsSent() throws {
        let all = report.allActions
        let errors = try result("errors < 0.1%")
        #expect(errors.value == Double(all.callErrors + all.timeouts) * 100 / Double(all.sent))
        #expect(!errors.ok)
        #expect(try result("timeouts == 2").ok)
        #expect(try result("timeouts(BootNotification) == 0").ok)
    }

    @Test func connectedIsThePeakOfLinksUpAgainstTheStationsRun() throws {
        #expect(try result("connected >= 100%").ok)
        let halfConnected = try SLO(parsing: "connected >= 99.9%").evaluate(against: ReportFixture.report(stations: 20))
        #expect(!halfConnected.ok)
        #expect(halfConnected.value == 50)
    }

    @Test func throughputAndConnectionCountsAreCompared() throws {
        #expect(try result("msgs_per_s >= 10").value == report.sentPerSecond)
        #expect(try result("reconnects <= 2").ok)
        #expect(try result("failed_connections < 2").ok == false)
        #expect(try result("lag_max <= 0.4ms").ok)
    }

    @Test func framesTheCSMSGotWrongAreComparedAsPlainCounts() throws {
        #expect(report.csmsFaults.badFrames.total == 4)
        let badFrames = try result("bad_frames == 0")
        #expect(!badFrames.ok)
        #expect(badFrames.value == 4)
        #expect(badFrames.detail.contains("bad_frames = 4, needs == 0"))
        #expect(try result("bad_frames <= 4").ok)
        #expect(try result("unmatched_answers == 3").ok)
        #expect(try result("unmatched_answers < 3").ok == false)
    }

    @Test func lostMessagesAreTheTransactionMessagesGivenUpOnOrTheirShareOfThoseSent() throws {
        var lossy = report
        for reason in ["attempts", "queue_full"] {
            lossy.transactions.addLost(
                LostMessageRecord(station: "GU0001", action: "MeterValues", transactionId: 1, timestamp: nil, reason: reason))
        }
        let sent = transactionMessagesSent(in: lossy)
        #expect(try result("lost_messages == 0").ok)
        let count = try SLO(parsing: "lost_messages == 0").evaluate(against: lossy)
        #expect(!count.ok)
        #expect(count.value == 2)
        let share = try SLO(parsing: "lost_messages < 1%").evaluate(against: lossy)
        #expect(share.value == 200 / Double(sent))
    }

    @Test func unsentAtEndIsTheTransactionMessagesStillHeldOrTheirShareOfThoseSent() throws {
        var held = report
        held.transactions.unsentAtEnd = 3
        let sent = transactionMessagesSent(in: held)
        #expect(try result("unsent_at_end == 0").ok)
        let count = try SLO(parsing: "unsent_at_end == 0").evaluate(against: held)
        #expect(!count.ok)
        #expect(count.value == 3)
        #expect(count.detail.contains("unsent_at_end = 3, needs == 0"))
        let share = try SLO(parsing: "unsent_at_end < 1%").evaluate(against: held)
        #expect(share.value == 300 / Double(sent))
    }

    /// The StartTransaction, MeterValues and StopTransaction calls the report counts sent: the whole that
    /// `lost_messages` and `unsent_at_end` take a share of (some, or a share would prove nothing).
    func transactionMessagesSent(in report: RunReport) -> UInt64 {
        let sent = ["StartTransaction", "MeterValues", "StopTransaction"].reduce(UInt64(0)) {
            $0 + (report.figures(for: $1)?.sent ?? 0)
        }
        #expect(sent > 0)
        return sent
    }

    @Test func anObjectiveOnAnActionNeverAnsweredFails() throws {
        let missing = try result("p99(RemoteStartTransaction) < 1s")
        #expect(!missing.ok)
        #expect(missing.value == nil)
        #expect(missing.detail.contains("no RemoteStartTransaction call was answered"))
    }
}
