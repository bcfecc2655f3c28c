@testable import JSON
import Testing

@Suite struct JSONNodeTests {
    private func parse(_ text: String) throws(JSONError) -> JSONNode {
        try JSONNode.parse(Array(text.utf8))
    }

    private func string(_ text: String) throws -> String? {
        guard case .string(let value) = try parse(text).value else { return nil }
        return value
    }

    private func number(_ text: String) throws -> JSONNumber? {
        guard case .number(let value) = try parse(text).value else { return nil }
        return value
    }

    private func error(_ bytes: [UInt8]) -> JSONError? {
        do {
            _ = try JSONNode.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func error(_ text: String) -> JSONError? {
        error(Array(text.utf8))
    }

    // MARK: Strings

    @Test func everyEscapeDecodes() throws {
        #expect(try string(#""a\"b\\c\/d\b\f\n\r\t\u00e9""#) == "a\"b\\c/d\u{08}\u{0C}\n\r\té")
    }

    @Test func aSurrogatePairDecodesToOneScalar() throws {
        #expect(try string(#""\ud83d\ude00""#) == "😀")
    }

    @Test func aLoneHighSurrogateIsRefused() {
        #expect(error(#""\ud83d""#)?.expected == "the low half of a UTF-16 surrogate pair")
    }

    @Test func aLoneLowSurrogateIsRefused() {
        #expect(error(#""\ude00""#)?.expected == "a Unicode scalar, not half a surrogate pair")
    }

    @Test func anUnknownEscapeIsRefusedAtItsLetter() {
        let error = error(#""ab\x""#)
        #expect(error?.position.column == 5)
        #expect(error?.found == "'x'")
    }

    @Test func anUnescapedControlCharacterIsRefused() {
        #expect(error("\"a\tb\"")?.expected == "'\"' to close the string, or an escaped control character")
    }

    @Test func anUnterminatedStringIsRefusedAtTheEnd() {
        let error = error("\"abc")
        #expect(error?.expected == "'\"' to close the string")
        #expect(error?.found == "the end of the file")
    }

    @Test(arguments: [
        [0xFF],  // never in UTF-8
        [0xC0, 0x80],  // an overlong NUL
        [0xED, 0xA0, 0x80],  // a surrogate, encoded
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0xE2, 0x82],  // cut short
    ] as [[UInt8]])
    func invalidUTF8IsRefusedAtItsFirstBadByte(bad: [UInt8]) {
        let error = error(Array("[\"ab".utf8) + bad + Array("\"]".utf8))
        #expect(error?.expected == "valid UTF-8")
        #expect(error.map { $0.position.column >= 5 && $0.position.column <= 4 + bad.count } == true)
    }

    @Test func invalidUTF8IsRefusedInAStringWithEscapes() {
        #expect(error([0x22, 0x5C, 0x6E, 0xFF, 0x22])?.expected == "valid UTF-8")
    }

    @Test func longASCIIAndUTF8StringsReadWhole() throws {
        let text = String(repeating: "abcdefgh", count: 5) + "é€😀" + String(repeating: "z", count: 9)
        #expect(try string("\"\(text)\"") == text)
    }

    // MARK: Numbers

    @Test func theLargestDoublesRead() throws {
        #expect(try number("1e308")?.double == 1e308)
        #expect(try number("-1.7976931348623157e308")?.double == -.greatestFiniteMagnitude)
    }

    @Test func aNumberBeyondDoubleIsRefused() {
        #expect(error("[1e309]")?.position.column == 2)
    }

    @Test func minusZeroKeepsItsSign() throws {
        #expect(try number("-0")?.double.sign == .minus)
    }

    @Test func aLargeIntegerStaysExact() throws {
        #expect(try number("18446744073709551615")?.unsigned == .max)
    }

    @Test func decimalsConvertToTheNearestDouble() throws {
        #expect(try number("0.1")?.double == 0.1)
        #expect(try number("-12.5e2")?.double == -1250)
        #expect(try number("123456789012345678901234")?.double == 123456789012345678901234.0)
        #expect(try number("1E-5")?.double == 1e-5)
    }

    @Test(arguments: ["01", "1.", "-", ".5", "+1", "1e", "1e+", "0x10", "NaN", "Infinity"])
    func numbersFollowTheGrammar(text: String) {
        #expect(error(text) != nil)
    }

    // MARK: Structure

    @Test func valuesRememberWhereTheyStart() throws {
        let node = try parse("{\n  \"a\": [1,\n    true]\n}")
        guard case .object(let members) = node.value, case .array(let items) = members.first?.value.value else {
            Issue.record("expected an object holding an array")
            return
        }
        #expect((items[1].line, items[1].column) == (3, 5))
    }

    @Test func repeatedNamesAreKeptInOrder() throws {
        guard case .object(let members) = try parse(#"{"a": 1, "a": 2}"#).value else {
            Issue.record("expected an object")
            return
        }
        #expect(members.map(\.key) == ["a", "a"])
        #expect(members.map(\.value.column) == [7, 15])
    }

    @Test func nestingUpToTheBoundReads() throws {
        _ = try parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
    }

    @Test func nestingPastTheBoundIsRefusedBeforeTheStackIs() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = error(deep)
        #expect(error?.expected == "at most 64 nested arrays or objects")
        #expect(error?.position.column == 65)
    }

    @Test func trailingGarbageIsRefusedWhereItStarts() {
        let error = error("{} x")
        #expect(error?.position == JSONPosition(offset: 3, line: 1, column: 4))
        #expect(error?.expectation == .endOfDocument)
        #expect(error?.found == "'x'")
    }

    @Test func aMissingSeparatorSaysWhatWouldFit() {
        #expect(error("[1\n  2]")?.description == "line 2, column 3: expected ',' or ']', found '2'")
    }

    @Test func aTrailingCommaIsRefused() {
        #expect(error(#"{"a": 1,}"#)?.expected == "a member name in double quotes")
        #expect(error("[1,]")?.expected == "a value")
    }

    @Test func emptyTextIsNoDocument() {
        #expect(error("")?.found == "the end of the file")
        #expect(error(" \n ")?.expected == "a value")
    }

    @Test func aByteOrderMarkIsSkippedAndNotCounted() throws {
        let node = try JSONNode.parse([0xEF, 0xBB, 0xBF] + Array(" null".utf8))
        #expect(node.column == 2)
        guard case .null = node.value else {
            Issue.record("expected null")
            return
        }
    }

    @Test func aMistypedLiteralIsRefusedAtItsFirstWrongByte() {
        #expect(error("[tru]")?.position.column == 5)
    }
}
