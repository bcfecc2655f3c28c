import Testing

@testable import Station

@Suite struct SeededGeneratorTests {
    @Test func messageIDsAreTwentyDigitsWithoutALeadingZero() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<1_000 {
            let id = generator.messageID().description
            #expect(id.utf8.count == 20)
            #expect(id.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            #expect(id.utf8.first != UInt8(ascii: "0"))
        }
    }

    @Test func anIDIsTheLeadDigitThenTheSecondDrawInNineteenDecimalDigits() {
        var generator = SeededGenerator(seed: 42)
        var draws = SeededGenerator(seed: 42)
        for _ in 0..<1_000 {
            let lead = draws.next() % 9 + 1
            let rest = String(draws.next() % 10_000_000_000_000_000_000)
            #expect(generator.messageID().description == "\(lead)" + String(repeating: "0", count: 19 - rest.count) + rest)
        }
    }

    @Test func aCompactIDIsTheLeadDigitThenTheLastFourteenDigitsOfTheSameDraws() {
        var compact = SeededGenerator(seed: 42)
        var full = SeededGenerator(seed: 42)
        for _ in 0..<1_000 {
            let id = full.messageID().description
            #expect(compact.messageID(compact: true).description == String(id.prefix(1) + id.suffix(14)))
        }
    }

    @Test func theIDsOfASeedAreThoseItAlwaysDrew() {
        var generator = SeededGenerator(seed: 42)
        #expect((0..<3).map { _ in generator.messageID().description }
            == ["22949826092126892291", "16349198060258255764", "86015981125662989062"])
        var compact = SeededGenerator(seed: 42)
        #expect((0..<3).map { _ in compact.messageID(compact: true).description }
            == ["226092126892291", "198060258255764", "881125662989062"])
    }

    @Test func theSameSeedDrawsTheSameIDs() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        #expect((0..<10).map { _ in first.messageID() } == (0..<10).map { _ in second.messageID() })
    }

    @Test func differentSeedsDrawDifferentIDs() {
        var first = SeededGenerator(seed: 1)
        var second = SeededGenerator(seed: 2)
        #expect(first.messageID() != second.messageID())
    }
}
