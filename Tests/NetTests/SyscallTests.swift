import Basics
import Glibc
import Testing

@testable import Net

@Suite struct SyscallTests {
    @Test func aFailingCallThrowsAnErrorNamingTheCallAndErrno() throws {
        let first = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        defer { Syscall.close(first) }
        try Syscall.bind(first, SocketAddress(ip: "127.0.0.1", port: 0)!)
        let taken = try Syscall.localAddress(first)
        try Syscall.listen(first, backlog: 1)
        let second = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        defer { Syscall.close(second) }
        #expect(throws: SystemCallError(call: "bind", code: EADDRINUSE)) { try Syscall.bind(second, taken) }
        let error = SystemCallError(call: "bind", code: EADDRINUSE)
        #expect(error.description.contains("bind"))
        #expect(error.description.contains("Address already in use"))
    }

    @Test func readingAnEmptyNonBlockingSocketWouldBlock() throws {
        let listener = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        defer { Syscall.close(listener) }
        try Syscall.bind(listener, SocketAddress(ip: "127.0.0.1", port: 0)!)
        try Syscall.listen(listener, backlog: 4)
        guard case .wouldBlock = try Syscall.accept(listener) else {
            Issue.record("accept on an empty backlog should would-block")
            return
        }
        let client = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        defer { Syscall.close(client) }
        _ = try Syscall.connect(client, try Syscall.localAddress(listener))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { buffer.deallocate() }
        guard case .wouldBlock = try Syscall.read(client, buffer) else {
            Issue.record("read with nothing sent should would-block")
            return
        }
    }

    @Test func preparingTheProcessRaisesTheOpenFileLimitToItsHardLimit() throws {
        let limit = try NetProcess.prepare()
        let now = try Syscall.openFileLimit()
        #expect(limit == UInt64(now.rlim_max))
        #expect(now.rlim_cur == now.rlim_max)
    }

    @Test func numericAddressesParseForBothFamilies() {
        #expect(SocketAddress(ip: "127.0.0.1", port: 80)?.description == "127.0.0.1:80")
        #expect(SocketAddress(ip: "::1", port: 8080)?.description == "[::1]:8080")
        #expect(SocketAddress(ip: "localhost", port: 80) == nil)
    }
}
