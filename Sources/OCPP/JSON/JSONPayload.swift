import JSON

/// The JSON text of one payload (a CALL's or CALLRESULT's object, a CALLERROR's details), not yet
/// read into a typed value.
///
/// Its grammar, UTF-8 and depth are checked before it exists (with the whole frame, when it comes from
/// one), so that decoding it into a typed value meets only schema violations.
///
/// It shares the bytes of the frame it came from: parsing a frame copies nothing. Decode it with the
/// payload type's `init(decoding:)`, e.g. `try MeterValuesRequest(decoding: call.payload)`.
public struct JSONPayload: Sendable, Equatable, CustomStringConvertible {
    @usableFromInline let storage: [UInt8]
    @usableFromInline let range: Range<Int>

    /// The empty object `{}`.
    public static let emptyObject = JSONPayload(checked: Array("{}".utf8), range: 0..<2)

    @usableFromInline
    init(checked storage: [UInt8], range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    /// Checks that `bytes` hold exactly one JSON object, nested at most `maxDepth` levels.
    /// - Throws: ``OCPPError`` with ``CallErrorCode/formationViolation`` if they do not.
    public init(validating bytes: [UInt8], maxDepth: Int = OCPPFrame.Limits.standard.maxDepth) throws(OCPPError) {
        self.init(checked: bytes, range: bytes.indices)
        try withReader { (reader) throws(OCPPError) in
            reader.maxDepth = maxDepth
            guard reader.peek() == UInt8(ascii: "{") else {
                throw OCPPError.formation("", "a payload must be a JSON object")
            }
            try reader.checkValue()
            try reader.expectEndOfText()
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

    /// Runs `body` with a reader over the payload's bytes. Inlinable so that decoding a payload of a
    /// known type is specialized where it is called, rather than looking up generic metadata each time.
    @inlinable
    func withReader<Result>(
        _ body: (inout JSONReader) throws(OCPPError) -> Result
    ) throws(OCPPError) -> Result {
        try storage.withUnsafeBufferPointer { (buffer) throws(OCPPError) -> Result in
            guard let base = buffer.baseAddress else { throw OCPPError(code: .formationViolation, reason: "no JSON text") }
            var reader = JSONReader(base: base, start: range.lowerBound, end: range.upperBound)
            return try body(&reader)
        }
    }
}
