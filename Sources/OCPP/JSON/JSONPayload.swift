/// The JSON text of one payload (a CALL's or CALLRESULT's object, a CALLERROR's details), checked
/// for grammar and UTF-8 but not yet read into a typed value.
///
/// It shares the bytes of the frame it came from: parsing a frame copies nothing. Decode it with the
/// payload type's `init(decoding:)`, e.g. `try MeterValuesRequest(decoding: call.payload)`.
public struct JSONPayload: Sendable, Equatable, CustomStringConvertible {
    private let storage: [UInt8]
    private let range: Range<Int>

    /// The empty object `{}`.
    public static let emptyObject = JSONPayload(checked: Array("{}".utf8), range: 0..<2)

    init(checked storage: [UInt8], range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    /// Checks that `bytes` hold exactly one JSON object, nested at most `maxDepth` levels.
    /// - Throws: ``OCPPError`` with ``CallErrorCode/formationViolation`` if they do not.
    public init(validating bytes: [UInt8], maxDepth: Int = OCPPFrame.Limits.standard.maxDepth) throws(OCPPError) {
        self.init(checked: bytes, range: bytes.indices)
        try withReader { (reader) throws(OCPPError) in
            reader.skipWhitespace()
            guard reader.byte(reader.index) == UInt8(ascii: "{") else {
                throw OCPPError.formation("", "a payload must be a JSON object")
            }
            try reader.skipValue(depth: maxDepth)
            try reader.expectEnd()
        }
    }

    /// The JSON text.
    public var bytes: ArraySlice<UInt8> {
        storage[range]
    }

    /// The JSON text as a string.
    public var description: String {
        String(decoding: bytes, as: UTF8.self)
    }

    public static func == (lhs: JSONPayload, rhs: JSONPayload) -> Bool {
        lhs.bytes.elementsEqual(rhs.bytes)
    }

    /// Runs `body` with a reader over the payload's bytes.
    func withReader<Result>(
        _ body: (inout JSONReader) throws(OCPPError) -> Result
    ) throws(OCPPError) -> Result {
        let outcome: Swift.Result<Result, OCPPError> = storage.withUnsafeBufferPointer { buffer in
            // An empty array may have no base address; a reader over nothing only ever sees its end.
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) { fallback in
                var reader = JSONReader(base: buffer.baseAddress ?? fallback, start: range.lowerBound, end: range.upperBound)
                do throws(OCPPError) {
                    return .success(try body(&reader))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try outcome.get()
    }
}
