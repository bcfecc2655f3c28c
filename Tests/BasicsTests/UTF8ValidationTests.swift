import Basics
import Testing

@Suite struct UTF8ValidationTests {
    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var random = SplitMix64(seed: 3)
        // Bytes drawn mostly from the ranges where UTF-8's rules bite: leads, continuations, edges.
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int(random.next() % 12)).map { _ in
                random.next() % 4 == 0 ? UInt8(truncatingIfNeeded: random.next()) : interesting[Int(random.next() % UInt64(interesting.count))]
            }
            let ours = bytes.withUnsafeBytes { UTF8Validation.isValid($0) }
            #expect(ours == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test func everyPrefixOfValidTextIsValidWithAnIncompleteEnd() {
        let text = Array("aé€😀\u{10FFFF}\u{D7FF}\u{E000}z".utf8)
        for end in 0...text.count {
            #expect(text[..<end].withUnsafeBytes { UTF8Validation.isValid($0, allowingIncompleteEnd: true) })
        }
    }

    @Test func anIncompleteEndMustStillBeAPossiblePrefix() {
        for bytes: [UInt8] in [[0xE0, 0x80], [0xED, 0xA0], [0xF4, 0x90], [0xF0, 0x80], [0xE2, 0x41], [0xC0]] {
            #expect(!bytes.withUnsafeBytes { UTF8Validation.isValid($0, allowingIncompleteEnd: true) }, "\(bytes)")
        }
    }

    @Test func longASCIIRunsAroundAMultibyteCharacterAreValid() {
        let text = Array((String(repeating: "a", count: 37) + "€" + String(repeating: "b", count: 21)).utf8)
        #expect(text.withUnsafeBytes { UTF8Validation.isValid($0) })
        #expect(!(text + [0x80]).withUnsafeBytes { UTF8Validation.isValid($0) })
    }

    private func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { UTF8Validation.isValid($0) }
    }

    @Test(arguments: [[0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF]] as [[UInt8]])
    func overlongFormsAreRefused(bytes: [UInt8]) {
        #expect(!valid(bytes))
    }

    @Test(arguments: [[0xED, 0xA0, 0x80], [0xED, 0xAF, 0xBF], [0xED, 0xB0, 0x80], [0xED, 0xBF, 0xBF]] as [[UInt8]])
    func surrogatesAreRefused(bytes: [UInt8]) {
        #expect(!valid(bytes))
    }

    @Test func theScalarsBesideTheSurrogatesAreAccepted() {
        #expect(valid([0xED, 0x9F, 0xBF]))  // U+D7FF
        #expect(valid([0xEE, 0x80, 0x80]))  // U+E000
    }

    @Test func nothingAboveU10FFFFIsAccepted() {
        #expect(valid([0xF4, 0x8F, 0xBF, 0xBF]))  // U+10FFFF
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))
        #expect(!valid([0xF5, 0x80, 0x80, 0x80]))
    }

    @Test func aLoneContinuationByteIsRefused() {
        #expect(!valid([0x41, 0x80, 0x41]))
    }

    @Test func aTruncatedCharacterIsRefusedWithoutAnIncompleteEnd() {
        #expect(!valid([0x41, 0xE2, 0x82]))
    }

    @Test func theFirstInvalidByteIsTheOneThatBreaksTheCharacter() {
        func firstInvalid(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBytes { UTF8Validation.firstInvalidByte(in: $0) }
        }
        #expect(firstInvalid(Array("aé€😀".utf8)) == nil)
        #expect(firstInvalid([0x41, 0x80]) == 1)  // a continuation byte with no lead
        #expect(firstInvalid([0x41, 0xE0, 0x9F, 0xBF]) == 2)  // an overlong form's second byte
        #expect(firstInvalid([0x41, 0xE2, 0x82, 0x41]) == 3)  // the third byte is not a continuation
        #expect(firstInvalid([0x41, 0xE2, 0x82]) == 1)  // cut short by the end: its lead byte
        #expect(firstInvalid(Array("abcdefgh".utf8) + [0xFF]) == 8)  // after a word of ASCII
    }

    @Test func aMultibyteCharacterAfterEightASCIIBytesIsChecked() {
        // The fast path skips whole words of ASCII: the byte after them must still be checked.
        #expect(!valid(Array("abcdefgh".utf8) + [0xC0, 0x80]))
        #expect(valid(Array("abcdefgh€".utf8)))
    }

    @Test func theEmptyTextIsValid() {
        #expect(valid([]))
    }

    @Test func checkingResumesAtTheLastUnfinishedCharacter() {
        let euro = Array("€".utf8)
        #expect(UTF8Validation.lastCodePointStart(in: Array("ab".utf8) + euro[..<2]) == 2)
        #expect(UTF8Validation.lastCodePointStart(in: Array("ab".utf8)) == 1)
        #expect(UTF8Validation.lastCodePointStart(in: Array("a".utf8) + euro) == 1)
    }
}
