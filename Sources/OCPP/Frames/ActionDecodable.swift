/// A request decoded by its action (``CentralSystemRequest``, ``StationRequest``): each says which
/// actions it takes; reading one from a CALL, from a CALL read in place, and answering a failure with the
/// CALL's message id are written once, here.
protocol ActionDecodable {
    /// Decodes the payload of a request of `action`.
    /// - Throws: ``OCPPError``: ``CallErrorCode/notSupported`` for an action the type does not take, else
    ///   the code of the payload's first violation.
    init(action: Action, text: some PayloadText) throws(OCPPError)
}

extension ActionDecodable {
    /// Decodes the request of a CALL; an error carries the CALL's message id.
    init(decoding call: OCPPFrame.Call) throws(OCPPError) {
        do {
            try self.init(action: call.action, text: call.payload)
        } catch {
            throw error.answering(call.messageId)
        }
    }

    /// Decodes the request of a CALL read in place; an error carries the CALL's message id.
    init(decoding frame: OCPPFrame.Borrowed) throws(OCPPError) {
        self = try frame.decodeRequest { action, text throws(OCPPError) in try Self(action: action, text: text) }
    }
}
