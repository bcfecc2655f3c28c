/// A `HOST:PORT` to listen on, as the command line gives it: `127.0.0.1:9000`, `[::1]:9000`,
/// `0.0.0.0:0` (any free port).
struct ListenAddress: Equatable {
    let host: String
    let port: UInt16

    init(_ text: String) throws(CSMSServerError) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw CSMSServerError(.badListenAddress, "'\(text)' is not HOST:PORT")
        }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw CSMSServerError(.badListenAddress, "'\(text)' has no host") }
        self.host = String(host)
        self.port = port
    }
}
