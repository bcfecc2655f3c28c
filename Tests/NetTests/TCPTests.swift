import Glibc
import Testing

@testable import Net

/// The options of the sockets the Net layer makes: what each connection would otherwise pay a system call for.
@Suite struct TCPTests {
    private func option(_ fd: Int32, _ name: Int32) -> Int32 {
        var value: Int32 = -1
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = getsockopt(fd, Int32(IPPROTO_TCP), name, &value, &length)
        return value
    }

    @Test func aClientSocketSendsAtOnceAndDelaysItsAcknowledgements() throws {
        let fd = try TCP.makeClientSocket(for: SocketAddress(ip: "127.0.0.1", port: 9)!, source: nil)
        defer { Syscall.close(fd) }
        #expect(option(fd, TCP_NODELAY) == 1)
        #expect(option(fd, TCP_QUICKACK) == 0)
    }

    @Test func anAcceptedSocketInheritsNoDelayAndDelayedAcknowledgementsFromItsListener() throws {
        let listener = try TCP.makeListener(on: SocketAddress(ip: "127.0.0.1", port: 0)!, backlog: 4)
        defer { Syscall.close(listener) }
        let client = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        defer { Syscall.close(client) }
        _ = try Syscall.connect(client, try Syscall.localAddress(listener))
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        // The connect may still be on its way on a loaded machine: wait for it, for up to a minute.
        try #require(poll(&waiting, 1, 60_000) == 1)
        guard case .processed(let accepted) = try Syscall.accept(listener) else {
            Issue.record("a connection was ready but none was accepted")
            return
        }
        defer { Syscall.close(accepted) }
        #expect(option(accepted, TCP_NODELAY) == 1)
        #expect(option(accepted, TCP_QUICKACK) == 0)
    }
}
