import Glibc
import Net

/// Whether a listener of another process holds a TCP port already, asked before ours bind it.
///
/// Our listeners set `SO_REUSEPORT` so that each event loop has a socket of its own on the port. With it,
/// a second server of the same user on the same port would start silently and take a share of the
/// stations. A socket bound without `SO_REUSEPORT` (but with `SO_REUSEADDR`, so that the links of an
/// earlier run waiting in TIME_WAIT do not count) fails with `EADDRINUSE` exactly when something listens
/// there. The probe is closed before our listeners bind, so they never see it; worker processes of one
/// server sharing its port would skip it, their parent having probed once for all.
enum PortProbe {
    /// Whether binding `address` fails because the port is in use. Any other failure is left for the
    /// real listeners to report, with their own words.
    static func isTaken(_ address: SocketAddress) -> Bool {
        let family = switch address {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        switch address {
        case .v4(var raw):
            result = withUnsafePointer(to: &raw) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var raw):
            result = withUnsafePointer(to: &raw) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        return result != 0 && errno == EADDRINUSE
    }
}
