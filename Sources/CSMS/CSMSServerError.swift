/// Why the embedded CSMS's socket server could not start.
public struct CSMSServerError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case badListenAddress
        case cannotListen
        case portInUse
        case alreadyStarted
    }

    let code: Code
    /// What went wrong, for the user.
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Whether the `HOST:PORT` could not be read (a usage error, exit code 2) rather than bound.
    public var isBadAddress: Bool { code == .badListenAddress }

    /// Whether another process listens on the port already.
    public var isPortInUse: Bool { code == .portInUse }
}
