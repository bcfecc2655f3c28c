import Foundation
import Net

/// "timers": the cost of 100,000 timers on one loop (a heartbeat and a meter timer for 50,000 stations).
enum TimerBench {
    /// Owns every timer; counts the ones that fire (none should within the run).
    final class Owner: TimerOwner, @unchecked Sendable {
        // @unchecked Sendable: only touched on the loop, inside `submit`.
        var fired = 0
        func timerFired(_ tag: UInt32) { fired += 1 }
    }

    static func run(count: Int) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let owner = Owner()
        let (scheduleNanoseconds, cancelNanoseconds, bytes) = try await loop.submit {
            // The ids' own array is made and touched before the baseline, so only the wheel is measured.
            let placeholder = loop.scheduleTimer(after: .seconds(1), owner: owner, tag: 0)
            loop.cancelTimer(placeholder)
            var ids = [TimerID](repeating: placeholder, count: count)
            let before = ProcessStats.residentBytes()
            let start = EventLoop.now()
            for index in 0..<count {
                ids[index] = loop.scheduleTimer(after: .milliseconds(60_000 + index % 60_000), owner: owner, tag: 1)
            }
            let scheduled = EventLoop.now()
            let after = ProcessStats.residentBytes()
            for id in ids { loop.cancelTimer(id) }
            let cancelled = EventLoop.now()
            return (scheduled - start, cancelled - scheduled, after - before)
        }
        say("TIMERS \(Double(scheduleNanoseconds) / Double(count)) \(Double(cancelNanoseconds) / Double(count)) \(bytes)")
    }
}
