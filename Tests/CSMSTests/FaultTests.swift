import CSMS
import OCPP
import Testing

@Suite struct FaultTests {
    /// Sends `calls` heartbeats from each of `stations` stations and returns, per call, how it was answered.
    func outcomes(
        _ faults: FaultPlan, seed: UInt64, stations: Int = 20, calls: Int = 100
    ) -> [String] {
        var harness = CSMSHarness(CSMSConfiguration(faults: faults, seed: seed))
        let handles = (0..<stations).map { harness.connect("GU\($0)") }
        var outcomes: [String] = []
        for call in 0..<calls {
            for station in handles {
                let frames = harness.deliver("[2,\"\(call)\",\"Heartbeat\",{}]", from: station).compactMap(\.frame)
                switch frames.first.flatMap({ try? OCPPFrame(parsing: $0.bytes) }) {
                case .callResult: outcomes.append("ok")
                case .callError(let error): outcomes.append(error.code.rawValue)
                case nil, .call: outcomes.append("none")
                }
            }
        }
        return outcomes
    }

    @Test func theSharesOfFailedCallsAreWithinBoundsForAFixedSeed() {
        let outcomes = outcomes(FaultPlan(internalErrorShare: 0.10, noAnswerShare: 0.05), seed: 7)
        let internalErrors = outcomes.filter { $0 == "InternalError" }.count
        let unanswered = outcomes.filter { $0 == "none" }.count
        // 2,000 draws: 10 % is 200 ± 13 (one standard deviation); 5 % is 100 ± 10.
        #expect((150...250).contains(internalErrors))
        #expect((60...140).contains(unanswered))
        #expect(outcomes.count - internalErrors - unanswered == outcomes.filter { $0 == "ok" }.count)
    }

    @Test func theSameSeedFailsTheSameCalls() {
        let plan = FaultPlan(internalErrorShare: 0.2, noAnswerShare: 0.1)
        #expect(outcomes(plan, seed: 42) == outcomes(plan, seed: 42))
    }

    @Test func anotherSeedFailsOtherCalls() {
        let plan = FaultPlan(internalErrorShare: 0.2, noAnswerShare: 0.1)
        #expect(outcomes(plan, seed: 42) != outcomes(plan, seed: 43))
    }

    @Test func aStationsFaultsDoNotDependOnTheOtherStations() {
        let plan = FaultPlan(internalErrorShare: 0.3)
        // Station GU0 alone, or first of 20 interleaved: its own stream decides.
        let alone = outcomes(plan, seed: 5, stations: 1)
        let together = outcomes(plan, seed: 5, stations: 20)
        let firstStation = stride(from: 0, to: together.count, by: 20).map { together[$0] }
        #expect(alone == firstStation)
    }

    @Test func noFaultPlanAnswersEverything() {
        #expect(outcomes(.none, seed: 1, stations: 3, calls: 50).allSatisfy { $0 == "ok" })
    }

    @Test func faultsAreCounted() {
        var harness = CSMSHarness(CSMSConfiguration(faults: FaultPlan(internalErrorShare: 0.5, noAnswerShare: 0.5)))
        let station = harness.connect()
        for call in 0..<40 { _ = harness.deliver("[2,\"\(call)\",\"Heartbeat\",{}]", from: station) }
        let counters = harness.csms.counterSnapshot
        let internalErrors = counters["faults.internal_error", default: 0]
        #expect(internalErrors + counters["faults.no_answer", default: 0] == 40)
        #expect(counters["call_errors.InternalError", default: 0] == internalErrors)
        #expect(counters["received.Heartbeat"] == 40)
    }

    @Test func aFaultPlanReadsPercentagesAndShares() throws {
        let plan = try FaultPlan(parsing: "internal-error=2%, no-answer=0.005")
        #expect(plan == FaultPlan(internalErrorShare: 0.02, noAnswerShare: 0.005))
    }

    @Test(arguments: ["internal-error", "internal-error=x", "crash=1%", "no-answer=150%", "internal-error=60%,no-answer=60%"])
    func aBadFaultPlanIsRefused(_ text: String) {
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: text) }
    }
}
