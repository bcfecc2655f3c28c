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
