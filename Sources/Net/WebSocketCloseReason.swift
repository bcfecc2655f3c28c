/// How a ``WebSocketChannel`` ended.
public enum WebSocketCloseReason: Sendable, CustomStringConvertible {
    /// The close handshake completed, with the peer's close code (if it sent one) and reason.
    case closed(code: UInt16?, reason: String)
    /// The channel failed: it could not connect or open, the peer broke the protocol, or the link broke.
    case failed(NetError)

    public var description: String {
        switch self {
        case .closed(let code, let reason):
            "closed" + (code.map { " with code \($0)" } ?? "") + (reason.isEmpty ? "" : ": \(reason)")
        case .failed(let error):
            error.description
        }
    }
}
