import Testing

@testable import Fleet

@Suite struct RandomStreamTests {
    @Test func xoshiroMatchesTheReferenceImplementation() {
        // First outputs of xoshiro256** seeded through SplitMix64 from 0, as the reference C code gives them.
        var generator = Xoshiro256StarStar(seed: 0)
        let first = generator.next()
        #expect(first == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func aStationStreamDependsOnlyOnSeedStationAndPurpose() {
        var a = RandomStream(seed: 42, station: 17, purpose: .plan)
        var b = RandomStream(seed: 42, station: 17, purpose: .plan)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        var otherStation = RandomStream(seed: 42, station: 18, purpose: .plan)
        var otherSeed = RandomStream(seed: 43, station: 17, purpose: .plan)
        var otherPurpose = RandomStream(seed: 42, station: 17, purpose: .station)
        #expect(otherStation.next() != first[0])
        #expect(otherSeed.next() != first[0])
        #expect(otherPurpose.next() != first[0])
    }

    @Test func exponentialDrawsHaveTheRequestedMean() {
        var stream = RandomStream(seed: 1, station: 0, purpose: .plan)
        let count = 100_000
        var sum = 0.0
        for _ in 0..<count { sum += stream.exponential(rate: 4) }
        // The mean of 100,000 draws has a standard error of 0.25 / sqrt(100,000) ≈ 0.0008.
        #expect(abs(sum / Double(count) - 0.25) < 0.004)
    }

    @Test func lognormalDrawsHaveTheRequestedMedian() {
        var stream = RandomStream(seed: 2, station: 0, purpose: .plan)
        let draws = (0..<20_001).map { _ in stream.lognormal(median: 12, sigma: 0.6) }.sorted()
        #expect(abs(draws[10_000] - 12) < 0.3)
    }

    @Test func weightedChoiceFollowsTheWeights() {
        var stream = RandomStream(seed: 3, station: 0, purpose: .plan)
        var counts = [0, 0, 0]
        for _ in 0..<60_000 { counts[stream.weightedIndex([0.5, 0.3, 0.2])] += 1 }
        // Binomial standard deviations are about 120; allow five.
        #expect(abs(counts[0] - 30_000) < 600)
        #expect(abs(counts[1] - 18_000) < 600)
        #expect(abs(counts[2] - 12_000) < 600)
    }
}
