import Basics
import CSystem
import Glibc

/// TCP sockets, non-blocking from creation, with Nagle's algorithm off: OCPP messages are small and
/// each one is a whole request or answer. Acknowledgements are delayed, so that they ride on the answer
/// that follows each message rather than go alone.
enum TCP {
    /// A socket for connecting to `address`, bound first to `source` when given (to spread connections
    /// over several local addresses: one source address allows about 28,000 connections to one server).
    static func makeClientSocket(for address: SocketAddress, source: SocketAddress?) throws(NetError) -> Int32 {
        let fd: Int32
        do {
            fd = try Syscall.socket(family: address.family, type: Int32(SOCK_STREAM.rawValue))
        } catch {
            throw NetError(.system, "cannot open a socket: \(error)")
        }
        do {
            try Syscall.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
            // Delayed acknowledgements from the start: the handshake's last ACK then rides on the upgrade
            // request instead of going alone, and one more ACK rides on the next data (16 -> 14 segments
            // per station connected and booted, `nstat`).
            try Syscall.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_QUICKACK, value: 0)
            if let source {
                // The port is chosen at connect time, knowing the destination, so that a source address
                // is not limited to one connection per local port across all destinations.
                try Syscall.setOption(fd, level: Int32(IPPROTO_IP), name: IP_BIND_ADDRESS_NO_PORT, value: 1)
                try Syscall.bind(fd, source.with(port: 0))
            }
        } catch {
            Syscall.close(fd)
            throw NetError(.system, "cannot prepare a socket from \(source?.description ?? "any address"): \(error)")
        }
        return fd
    }

    /// Starts connecting; ``IOResult/wouldBlock`` means it finishes when the socket turns writable.
    static func connect(_ fd: Int32, to address: SocketAddress) throws(NetError) -> IOResult<Void> {
        do {
            return try Syscall.connect(fd, address)
        } catch {
            throw NetError.connect(error, to: address)
        }
    }

    /// A listening socket on `address`; several may share the port (`SO_REUSEPORT`), one per loop,
    /// and the kernel spreads incoming connections over them.
    static func makeListener(on address: SocketAddress, backlog: Int32) throws(SystemCallError) -> Int32 {
        let fd = try Syscall.socket(family: address.family, type: Int32(SOCK_STREAM.rawValue))
        do {
            try Syscall.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            try Syscall.setOption(fd, level: SOL_SOCKET, name: SO_REUSEPORT, value: 1)
            try Syscall.bind(fd, address)
            try Syscall.listen(fd, backlog: backlog)
            // Accepted sockets inherit both from the listener: no option to set per connection. After
            // `listen`, which resets the acknowledgement mode.
            try Syscall.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
            try Syscall.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_QUICKACK, value: 0)
        } catch {
            Syscall.close(fd)
            throw error
        }
        return fd
    }
}
