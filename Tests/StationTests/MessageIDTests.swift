import Testing

@testable import Station

/// A drawn id kept as numbers reads as the digits it stands for, wherever its text is asked for.
@Suite struct MessageIDTests {
    @Test func itsBytesAreItsText() {
        var generator = SeededGenerator(seed: 9)
        for compact in [false, true] {
            for _ in 0..<100 {
                let id = generator.messageID(compact: compact)
                #expect(id.withUTF8 { Array($0) } == Array(id.description.utf8))
            }
        }
    }

    @Test func itIsSpelledByItsTextOnly() {
        var generator = SeededGenerator(seed: 9)
        let id = generator.messageID()
        let text = id.description
        #expect(id.isSpelled(by: text))
        #expect(!id.isSpelled(by: String(text.dropLast())))
        #expect(!id.isSpelled(by: text + "0"))
        #expect(!id.isSpelled(by: generator.messageID().description))
    }

    @Test func twoIDsAreEqualWhenTheirTextsAre() {
        var first = SeededGenerator(seed: 3)
        var second = SeededGenerator(seed: 3)
        let ids = (0..<50).map { _ in first.messageID() }
        #expect(ids == (0..<50).map { _ in second.messageID() })
        #expect(Set(ids).count == Set(ids.map(\.description)).count)
    }

    @Test func aDrawWithLeadingZerosAfterItsFirstDigitKeepsThem() {
        let id = MessageID(lead: UInt8(ascii: "7"), count: 20, rest: 42)
        #expect(id.description == "70000000000000000042")
        #expect(MessageID(lead: UInt8(ascii: "1"), count: 15, rest: 0).description == "100000000000000")
    }
}
