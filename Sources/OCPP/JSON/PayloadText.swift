import JSON

/// Checked JSON text of one payload that a typed payload can be read from: a ``JSONPayload``, which owns
/// its bytes, or a ``BorrowedPayload`` in a frame read in place. The requests decoded by action
/// (``CentralSystemRequest``, ``StationRequest``) read either through it.
protocol PayloadText {
    func decode<Payload: OCPPPayload>(_ type: Payload.Type) throws(OCPPError) -> Payload
}

extension JSONPayload: PayloadText {
    func decode<Payload: OCPPPayload>(_ type: Payload.Type) throws(OCPPError) -> Payload {
        try Payload(decoding: self)
    }
}

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
