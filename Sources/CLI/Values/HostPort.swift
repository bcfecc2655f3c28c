/// An address to listen on: `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` for 127.0.0.1.
public struct HostPort: Equatable, Sendable {
    public let host: String
    public let port: Int

    public static func argument(_ text: String) throws(ValueError) -> HostPort {
        let expected = ValueError(expected: "HOST:PORT such as 127.0.0.1:9000 or [::1]:9000")
        guard let colon = text.lastIndex(of: ":"),
            let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else { throw expected }
        var host = String(text[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { throw expected }
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            throw expected
        }
        return HostPort(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }
}
