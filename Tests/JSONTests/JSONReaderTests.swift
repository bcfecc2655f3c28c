@testable import JSON
import Testing

@Suite struct JSONReaderTests {
    @Test func aKeyWithEscapesMatchesItsDecodedName() throws {
        let matched = try JSONReader.withReader(over: Array(#"{"a\u0062c": 1}"#.utf8)) {
            (reader) throws(JSONError) -> Bool in
            var object = try reader.beginObject()
            guard let key = try reader.nextMember(in: &object) else { return false }
            return reader.matches(key, "abc") && !reader.matches(key, "ab")
        }
        #expect(matched)
    }

    @Test func skippingAValueChecksItWhole() {
        #expect(throws: JSONError.self) {
            try JSONReader.withReader(over: Array(#"[{"a": [1, 2}]"#.utf8)) { (reader) throws(JSONError) in
                try reader.skipValue()
            }
        }
    }

    @Test func theNestingBoundIsTheReadersToSet() {
        let error = #expect(throws: JSONError.self) {
            try JSONReader.withReader(over: Array("[[[]]]".utf8), maxDepth: 2) { (reader) throws(JSONError) in
                try reader.skipValue()
            }
        }
        #expect(error?.expected == "at most 2 nested arrays or objects")
    }

    @Test func positionsCountFromTheStartOfTheRange() {
        let bytes = Array("xx\n[1 2]".utf8)
        let error = #expect(throws: JSONError.self) {
            try JSONReader.withReader(over: bytes, in: 3..<bytes.count) { (reader) throws(JSONError) in
                try reader.skipValue()
            }
        }
        #expect(error?.position == JSONPosition(offset: 3, line: 1, column: 4))
    }

    @Test func anEmptyBufferReadsAsTheEnd() throws {
        let atEnd = JSONReader.withReader(over: []) { (reader: inout JSONReader) in reader.isAtEnd }
        #expect(atEnd)
    }
}
