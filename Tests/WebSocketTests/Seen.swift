@testable import WebSocket

/// An event reduced to values, so tests can compare what a connection reported.
enum Seen: Equatable, CustomStringConvertible {
    case upgradeRequested(path: String, credentials: WebSocketCredentials?)
    case opened
    case text(String)
    case binary([UInt8])
    case pong([UInt8])
    case closed(UInt16?, String)
    case failed(WebSocketError.Code, closeCode: UInt16?)

    init(_ event: WebSocketEvent) {
        switch event {
        case .upgradeRequested(let request): self = .upgradeRequested(path: request.path, credentials: request.credentials)
        case .opened: self = .opened
        case .text(let payload): self = .text(payload.text)
        case .binary(let payload): self = .binary(payload.bytes)
        case .pong(let payload): self = .pong(payload.bytes)
        case .closed(let code, let reason): self = .closed(code?.rawValue, reason)
        case .failed(let error): self = .failed(error.code, closeCode: error.closeCode?.rawValue)
        }
    }

    var description: String {
        switch self {
        case .upgradeRequested(let path, let credentials): "upgradeRequested(\(path), \(String(describing: credentials)))"
        case .opened: "opened"
        case .text(let text): "text(\(text.prefix(40)))"
        case .binary(let bytes): "binary(\(bytes.count) bytes)"
        case .pong(let bytes): "pong(\(bytes.prefix(8))\(bytes.count > 8 ? "… \(bytes.count) bytes" : ""))"
        case .closed(let code, let reason): "closed(\(String(describing: code)), \(reason))"
        case .failed(let code, let closeCode): "failed(\(code), \(String(describing: closeCode)))"
        }
    }
}
