import Glibc
import Net

/// "checks": what the loop-confinement check at each public entry of a channel costs, on the loop.
enum ConfinementBench {
    static func run(count: Int) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let nanoseconds = try await loop.submit { checkRepeatedly(loop, count: count) }
        say("CHECKS \(Double(nanoseconds) / Double(count))")
    }

    /// The thread's CPU time (not wall time: on a shared machine the loop's thread waits for a core) of
    /// `count` checks, the loop's own cost included: an upper bound.
    @inline(never)
    private static func checkRepeatedly(_ loop: EventLoop, count: Int) -> UInt64 {
        let start = threadCPUNanoseconds()
        for _ in 0..<count { loop.preconditionInLoop("ConfinementBench") }
        return threadCPUNanoseconds() - start
    }

    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
