import JSON
import Testing

@Suite struct JSONWriterTests {
    private func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return writer.text
    }

    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(written { $0.string("a\"b\\c\nd\re\tf\u{01}\u{1F}") } == #""a\"b\\c\nd\re\tf\u0001\u001f""#)
    }

    @Test func slashesAndNonASCIIAreWrittenAsTheyAre() {
        #expect(written { $0.string("a/é😀") } == "\"a/é😀\"")
    }

    @Test func everyStringReadsBackAsWritten() throws {
        let text = String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }) + "é€😀"
        let bytes = Array(written { $0.string(text) }.utf8)
        guard case .string(let read) = try JSONNode.parse(bytes).value else {
            Issue.record("expected a string")
            return
        }
        #expect(read == text)
    }

    @Test func wholeDoublesAreWrittenAsIntegers() {
        #expect(written { $0.double(42) } == "42")
        #expect(written { $0.double(-0.0) } == "0")
        #expect(written { $0.double(-999_999_999_999_999) } == "-999999999999999")
    }

    @Test func otherDoublesAreWrittenShortestThatReadsBack() {
        #expect(written { $0.double(0.1) } == "0.1")
        #expect(written { $0.double(1e15) } == "1000000000000000.0")
        #expect(written { $0.double(1e16) } == "1e+16")
        #expect(written { $0.double(1e308) } == "1e+308")
        #expect(written { $0.double(.leastNonzeroMagnitude) } == "5e-324")
    }

    @Test func infinityAndNaNAreWrittenNull() {
        #expect(written { $0.double(.infinity) } == "null")
        #expect(written { $0.double(.nan) } == "null")
    }

    @Test func integersAreWrittenWhole() {
        #expect(written { $0.int(.min) } == "-9223372036854775808")
        #expect(written { $0.unsigned(.max) } == "18446744073709551615")
    }

    @Test func compactTextHasNoSpaces() {
        let text = written { writer in
            writer.beginObject()
            writer.key("a")
            writer.beginArray()
            writer.int(1)
            writer.bool(true)
            writer.null()
            writer.endArray()
            writer.key("a long member name, longer than 28 bytes")
            writer.string("x")
            writer.endObject()
        }
        #expect(text == #"{"a":[1,true,null],"a long member name, longer than 28 bytes":"x"}"#)
    }

    @Test func indentedTextPutsEachMemberOnItsLine() {
        let value = JSONValue.object([
            ("a", .integer(1)), ("empty", .object([])), ("rows", .array([.line([.integer(1), .integer(2)]), .line([])])),
            ("none", .array([])),
        ])
        #expect(value.rendered() == """
            {
              "a": 1,
              "empty": {},
              "rows": [
                [1,2],
                []
              ],
              "none": []
            }
            """)
    }

    @Test func oneLineArraysKeepWhatTheyHoldOnTheirLine() {
        #expect(JSONValue.line([.line([.integer(1), .integer(2)]), .string("x")]).rendered() == #"[[1,2],"x"]"#)
    }

    @Test func compactValuesAreOneLine() {
        #expect(JSONValue.object([("a", .array([.number(1.5), .null]))]).compact() == #"{"a":[1.5,null]}"#)
    }
}
