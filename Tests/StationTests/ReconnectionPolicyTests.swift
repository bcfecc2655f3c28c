import Testing

@testable import Station

@Suite struct ReconnectionPolicyTests {
    /// OCPP 2.0.1's defaults in its examples: 10 s, 10 s of random range, 3 doublings.
    private let retryBackOff = ReconnectionPolicy.retryBackOff(waitMinimumMs: 10_000, randomRangeMs: 10_000, repeatTimes: 3)

    private func delays(_ policy: ReconnectionPolicy, seed: UInt64, attempts: Int) -> [Int64] {
        var random = SeededGenerator(seed: seed)
        return (0..<attempts).map { policy.delay(attempt: $0, serverReconnectionSeconds: 30, random: &random) }
    }

    @Test func theFirstRetryBackOffWaitIsTheMinimumPlusARandomPartUpToTheRange() {
        let firsts = (0..<1_000 as Range<UInt64>).map { delays(retryBackOff, seed: $0, attempts: 1)[0] }
        #expect(firsts.allSatisfy { $0 >= 10_000 && $0 <= 20_000 })
        // The random part covers its range: a fleet's first attempts spread over all of it.
        #expect(firsts.min()! < 10_100)
        #expect(firsts.max()! > 19_900)
        #expect(Set(firsts).count > 900)
    }

    @Test func withoutARandomRangeTheWaitDoublesRepeatTimesThenStaysTheSame() {
        let policy = ReconnectionPolicy.retryBackOff(waitMinimumMs: 10_000, randomRangeMs: 0, repeatTimes: 2)
        #expect(delays(policy, seed: 7, attempts: 6) == [10_000, 20_000, 40_000, 40_000, 40_000, 40_000])
    }

    @Test func everyAttemptAddsItsOwnRandomPartToTheDoubledMinimum() {
        var capped: Set<Int64> = []
        for seed in 0..<200 as Range<UInt64> {
            let waits = delays(retryBackOff, seed: seed, attempts: 8)
            for (attempt, wait) in waits.enumerated() {
                let base = Int64(10_000) << min(attempt, 3)
                #expect(wait >= base && wait <= base + 10_000, "seed \(seed), attempt \(attempt): \(wait)")
            }
            capped.formUnion(waits[3...])
        }
        // Past RepeatTimes the doubled part stays at 80 s, and each of those 1,000 waits draws its own random
        // part: one draw per station would give at most 200 different waits.
        #expect(capped.count > 900)
    }

    @Test func retryBackOffDelaysAreAFunctionOfTheSeed() {
        #expect(delays(retryBackOff, seed: 11, attempts: 8) == delays(retryBackOff, seed: 11, attempts: 8))
        #expect(delays(retryBackOff, seed: 11, attempts: 8) != delays(retryBackOff, seed: 12, attempts: 8))
    }

    @Test func aHugeRepeatTimesSaturatesInsteadOfOverflowing() {
        let policy = ReconnectionPolicy.retryBackOff(waitMinimumMs: 10_000, randomRangeMs: 1_000, repeatTimes: .max)
        let waits = delays(policy, seed: 3, attempts: 100)
        #expect(waits[10] >= 10_240_000 && waits[10] <= 10_241_000)
        #expect(waits[99] == .max)
    }
}
