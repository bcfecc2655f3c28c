import Glibc
import Testing
import TestSupport

@testable import Basics

@Suite struct WriteLoopTests {
    /// A `write(2)` stand-in that takes at most `limit` bytes a call, failing first with the given
    /// `errno`s, one a call.
    private final class ScriptedWrite {
        var failures: [Int32]
        let limit: Int
        var received: [UInt8] = []
        var calls = 0

        init(limit: Int, failures: [Int32] = []) {
            self.limit = limit
            self.failures = failures
        }

        func call(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
            calls += 1
            if !failures.isEmpty {
                errno = failures.removeFirst()
                return -1
            }
            let taken = min(count, limit)
            received += UnsafeRawBufferPointer(start: bytes, count: taken)
            return taken
        }
    }

    private let text = Array("a trace line that does not fit in one write\n".utf8)

    @Test func partialWritesGoOnFromWhereTheyStopped() throws {
        let system = ScriptedWrite(limit: 5)
        try text.withUnsafeBytes { bytes in
            try WriteLoop.writeAll(bytes, to: 3, call: "write", system.call)
        }
        #expect(system.received == text)
        #expect(system.calls == (text.count + 4) / 5)
    }

    @Test func anInterruptedWriteIsRetried() throws {
        let system = ScriptedWrite(limit: 64, failures: [EINTR, EINTR])
        try text.withUnsafeBytes { bytes in
            try WriteLoop.writeAll(bytes, to: 3, call: "write", system.call)
        }
        #expect(system.received == text)
    }

    @Test func anyOtherErrnoIsThrownNamingTheCall() {
        let system = ScriptedWrite(limit: 64, failures: [ENOSPC])
        #expect(throws: SystemCallError(call: "write", code: ENOSPC)) {
            try text.withUnsafeBytes { bytes in try WriteLoop.writeAll(bytes, to: 3, call: "write", system.call) }
        }
    }

    @Test func aWriteThatTakesNothingIsAnErrorNotALoopForEver() {
        let system = ScriptedWrite(limit: 0)
        #expect(throws: SystemCallError(call: "write", code: EIO)) {
            try text.withUnsafeBytes { bytes in try WriteLoop.writeAll(bytes, to: 3, call: "write", system.call) }
        }
        #expect(system.calls == 1)
    }

    @Test func anEmptyBufferCallsNothing() throws {
        let system = ScriptedWrite(limit: 64)
        try WriteLoop.writeAll(UnsafeRawBufferPointer(start: nil, count: 0), to: 3, call: "write", system.call)
        #expect(system.calls == 0)
    }

    @Test func aPipeReceivesMoreThanItHoldsWhole() async throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // Four times a pipe's default capacity (64 KiB): the writer waits on the reader several times.
        let sent = (0..<(1 << 18)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        async let received = offThePool { () -> [UInt8] in
            defer { close(readEnd) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                guard count > 0 else { return bytes }
                bytes += chunk[..<count]
            }
        }
        try await offThePool {
            defer { close(writeEnd) }
            try sent.withUnsafeBytes { bytes in try WriteLoop.write(bytes, to: writeEnd) }
        }
        #expect(try await received == sent)
    }

    @Test func aDescriptorThatIsNoneIsABadDescriptorError() {
        #expect(throws: SystemCallError(call: "write", code: EBADF)) {
            try text.withUnsafeBytes { bytes in try WriteLoop.write(bytes, to: -1) }
        }
    }

    @Test func aSocketWhosePeerLeftIsABrokenPipeErrorNotASignal() throws {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        close(ends[1])
        defer { close(ends[0]) }
        #expect(throws: SystemCallError(call: "send", code: EPIPE)) {
            try text.withUnsafeBytes { bytes in try WriteLoop.send(bytes, to: ends[0]) }
        }
    }
}
