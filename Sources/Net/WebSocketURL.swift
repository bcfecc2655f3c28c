/// A `ws://` or `wss://` URL: where a CSMS listens, to which each station appends its id as the last
/// path element (`ws://csms:8180/ocpp` and `GU0001` give the request path `/ocpp/GU0001`).
public struct WebSocketURL: Sendable, Hashable, CustomStringConvertible {
    /// Whether the scheme is `wss` (TLS).
    public let isSecure: Bool
    /// The host, a name or a numeric address (an IPv6 address without its brackets).
    public let host: String
    /// The port: the URL's, or 80 for `ws`, 443 for `wss`.
    public let port: UInt16
    /// The path, without a trailing slash (empty for the root).
    public let path: String

    /// Parses `ws://host[:port][/path]` or `wss://…`; IPv6 hosts go in brackets (`ws://[::1]:9000/ocpp`).
    /// - Throws: ``NetError`` with code ``NetError/Code/invalidURL``, saying what is wrong.
    public init(_ text: String) throws(NetError) {
        let invalid = { (why: String) in NetError(.invalidURL, "invalid URL \"\(text)\": \(why)") }
        let rest: Substring
        if text.lowercased().hasPrefix("ws://") {
            isSecure = false
            rest = text.dropFirst(5)
        } else if text.lowercased().hasPrefix("wss://") {
            isSecure = true
            rest = text.dropFirst(6)
        } else {
            throw invalid("the scheme must be ws:// or wss://")
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count).prefix { $0 != "?" && $0 != "#" })
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
        guard !authority.contains("@") else { throw invalid("credentials go in --password, not in the URL") }
        var hostPart: Substring
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed [ in the host") }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portPart = after.dropFirst()
            } else if !after.isEmpty {
                throw invalid("unexpected text after the IPv6 address")
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
        }
        guard !hostPart.isEmpty else { throw invalid("no host") }
        host = String(hostPart)
        if let portPart {
            guard let port = UInt16(portPart), port > 0 else { throw invalid("the port must be 1–65535") }
            self.port = port
        } else {
            port = isSecure ? 443 : 80
        }
    }

    /// The request path for a station: the URL's path, then the id, percent-encoded where needed.
    public func requestPath(station id: String) -> String {
        path + "/" + Self.percentEncoded(id)
    }

    /// The `Host` header: the host, in brackets when IPv6, with the port unless it is the scheme's default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String {
        "\(isSecure ? "wss" : "ws")://\(host.contains(":") ? "[\(host)]" : host):\(port)\(path)"
    }

    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%"
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
            }
        }
        return result
    }
}
