import Basics
import Testing

@Suite struct SplitMix64Tests {
    @Test func drawsTheReferenceImplementationsOutputs() {
        // The first outputs of Vigna's splitmix64.c from seed 1234567.
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test func seedZeroStartsWithTheValueThatSeedsXoshiro() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func theSameSeedDrawsTheSameNumbers() {
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        #expect((0..<16).map { _ in first.next() } == (0..<16).map { _ in second.next() })
    }

    @Test func mixIsTheFinaliserOfOneStep() {
        var generator = SplitMix64(seed: 41)
        #expect(generator.next() == SplitMix64.mix(41 &+ 0x9E37_79B9_7F4A_7C15))
    }

    @Test func aUnitIntervalDrawIsTheTop53BitsOfTheNextOutput() {
        var generator = SplitMix64(seed: 42)
        // The first output from 42 is 0xBDD7_3226_2FEB_6E95.
        #expect(generator.nextUnitInterval() == Double(0xBDD7_3226_2FEB_6E95 as UInt64 >> 11) * 0x1.0p-53)
    }

    @Test func aUnitIntervalDrawStaysBelowOne() {
        var generator = SplitMix64(seed: 3)
        #expect((0..<1_000).allSatisfy { _ in (0..<1).contains(generator.nextUnitInterval()) })
    }

    @Test func generatorsSeededByTheSystemDiffer() {
        var first = SplitMix64()
        var second = SplitMix64()
        // Equal only if the system's generator drew the same 64 bits twice.
        #expect(first.next() != second.next())
    }
}
