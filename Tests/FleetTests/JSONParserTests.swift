import Testing

@testable import Fleet

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONNode {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let node = try parse(#"["a\"b\\c\/d\n\u00e9\ud83d\ude00"]"#)
        guard case .array(let items) = node.value, case .string(let text) = items.first?.value else {
            Issue.record("expected an array of one string")
            return
        }
        #expect(text == "a\"b\\c/d\né😀")
    }

    @Test func valuesRememberWhereTheyStart() throws {
        let node = try parse("{\n  \"a\": [1,\n    true]\n}")
        guard case .object(let members) = node.value, case .array(let items) = members.first?.value.value else {
            Issue.record("expected an object holding an array")
            return
        }
        #expect((items[1].line, items[1].column) == (3, 5))
    }

    @Test func aLoneHighSurrogateIsRefused() {
        #expect(throws: JSONParser.SyntaxError.self) { try parse(#""\ud83d""#) }
    }

    @Test func trailingGarbageIsRefusedWhereItStarts() {
        #expect(throws: JSONParser.SyntaxError(line: 1, column: 4, expected: "the end of the document", found: "'x'")) {
            try parse("{} x")
        }
    }

    @Test func deepNestingIsRefusedBeforeTheStackIs() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParser.SyntaxError.self) { try parse(deep) }
    }

    @Test func numbersFollowTheGrammar() throws {
        #expect(throws: JSONParser.SyntaxError.self) { try parse("01") }
        #expect(throws: JSONParser.SyntaxError.self) { try parse("1.") }
        #expect(throws: JSONParser.SyntaxError.self) { try parse("-") }
        guard case .number(let value) = try parse("-12.5e2").value else {
            Issue.record("expected a number")
            return
        }
        #expect(value == -1250)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let node = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("null".utf8))
        guard case .null = node.value else {
            Issue.record("expected null")
            return
        }
    }
}
