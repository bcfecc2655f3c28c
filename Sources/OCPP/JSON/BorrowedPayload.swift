import JSON

/// The payload of an ``OCPPFrame/Borrowed``: a span of bytes the frame does not own, valid while they are.
struct BorrowedPayload: PayloadText {
    let base: UnsafePointer<UInt8>
    let range: Range<Int>

    func decode<Payload: OCPPPayload>(_ type: Payload.Type) throws(OCPPError) -> Payload {
        var reader = JSONReader(base: base, start: range.lowerBound, end: range.upperBound)
        let value = try Payload(from: &reader)
        try reader.expectEndOfText()
        return value
    }
}
