@testable import JSON
import Testing

/// The error a reader throws: small codes and numbers, put into words only when read.
@Suite struct JSONErrorTests {
    private func error(_ text: String) -> JSONError? {
        do {
            _ = try JSONNode.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func theDescriptionNamesTheLineColumnExpectationAndWhatWasFound() {
        #expect(error("{\"a\": [1,\n   true false]}")?.description == "line 2, column 9: expected ',' or ']', found 'f'")
    }

    @Test func thePositionGivesTheOffsetFromTheStartOfTheText() {
        let error = error("[1,\n 2 3]")
        #expect(error?.position == JSONPosition(offset: 7, line: 2, column: 4))
        #expect(error?.expectation == .elementSeparator)
    }

    @Test func whatWasFoundIsNamedByKind() {
        #expect(error("[1 \u{01}]")?.found == "the byte 0x1")
        #expect(error("[1\n\n")?.found == "the end of the file")
        #expect(error("[")?.found == "the end of the file")
    }

    @Test func theNestingLimitIsKeptInTheCode() throws {
        let error = #expect(throws: JSONError.self) {
            try JSONReader.withReader(over: Array("[[[[]]]]".utf8), maxDepth: 3) { (reader) throws(JSONError) in
                try reader.skipValue()
            }
        }
        #expect(error?.expectation == .nesting(atMost: 3))
        #expect(error?.expectation != .nesting(atMost: 4))
        #expect(error?.expected == "at most 3 nested arrays or objects")
    }

    @Test func aReaderBuiltOnThisOneSaysWhatItWantsInItsOwnWords() {
        let error = JSONReader.withReader(over: Array("1 x".utf8)) { (reader: inout JSONReader) -> JSONError in
            reader.index = 2
            return reader.failure(expected: "the end of the line")
        }
        #expect(error.description == "line 1, column 3: expected the end of the line, found 'x'")
        #expect(error.expectation == .words("the end of the line"))
        #expect(error.expectation != .words("the end"))
    }

    /// Thrown on hot paths with typed throws: no string, nothing to retain or release, a few words.
    @Test func theErrorIsSmallAndTrivial() {
        #expect(_isPOD(JSONError.self))
        #expect(MemoryLayout<JSONError>.size <= 48)
    }
}
