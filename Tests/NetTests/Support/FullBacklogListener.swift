import Glibc

@testable import Net

/// A loopback listener with backlog 0 that never accepts, its queue filled by connections of its own:
/// a further connect gets no answer, as from an unreachable host, but on loopback.
final class FullBacklogListener {
    let port: UInt16
    private let fd: Int32
    private var fillers: [Int32] = []

    init() throws {
        fd = try TCP.makeListener(on: SocketAddress(ip: "127.0.0.1", port: 0)!, backlog: 0)
        port = try Syscall.localAddress(fd).port
        let address = SocketAddress(ip: "127.0.0.1", port: port)!
        // Linux queues backlog + 1 connections; a few more make sure the queue is full.
        for _ in 0..<4 {
            let filler = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
            fillers.append(filler)
            _ = try? Syscall.connect(filler, address)
        }
        // The queue is full once the first filler is connected (writable): wait for that, not for a time.
        var first = pollfd(fd: fillers[0], events: Int16(POLLOUT), revents: 0)
        _ = poll(&first, 1, 30_000)
    }

    func close() {
        for filler in fillers { Syscall.close(filler) }
        Syscall.close(fd)
    }
}

/// A loopback port nothing listens on (bound then released).
func unusedPort() throws -> UInt16 {
    let fd = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
    defer { Syscall.close(fd) }
    try Syscall.bind(fd, SocketAddress(ip: "127.0.0.1", port: 0)!)
    return try Syscall.localAddress(fd).port
}
