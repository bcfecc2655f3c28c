import Glibc
import Synchronization
import Testing

@testable import Net

/// Counts how often the loop calls it, from the loop's thread.
private final class Probe: Selectable, TimerOwner, @unchecked Sendable {
    // @unchecked Sendable: touched only on the loop's thread, read by the test after a `submit` round trip.
    var readableCount = 0
    var fired: [UInt32] = []
    var onFire: (() -> Void)?
    func readable() { readableCount += 1 }
    func writable() {}
    func loopClosing() {}
    func timerFired(_ tag: UInt32) {
        fired.append(tag)
        onFire?()
    }
}

/// What the loop called, in order, from the loop's thread.
private final class Log: @unchecked Sendable {
    // @unchecked Sendable: touched only on the loop's thread.
    var entries: [Int] = []
    var expected = Int.max
    var whenComplete: (() -> Void)?

    func append(_ entry: Int) {
        entries.append(entry)
        if entries.count == expected { whenComplete?() }
    }
}

/// A pipe holding one byte: logs its index when readable and reads the byte, so that it is ready once.
private final class Drainer: Selectable, @unchecked Sendable {
    // @unchecked Sendable: touched only on the loop's thread once made.
    let index: Int
    let fd: Int32
    let writer: Int32
    let log: Log

    init(index: Int, log: Log) {
        self.index = index
        self.log = log
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0 && write(fds[1], "x", 1) == 1)
        (fd, writer) = (fds[0], fds[1])
    }

    func readable() {
        var byte: UInt8 = 0
        _ = read(fd, &byte, 1)
        log.append(index)
    }

    func writable() {}
    func loopClosing() {}
}

@Suite struct EventLoopTests {
    @Test func executeFromAnotherThreadRunsOnTheLoopsThread() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        for loop in group.loops {
            let onLoop = try await loop.submit { loop.inLoop }
            #expect(onLoop)
            #expect(!loop.inLoop)
        }
    }

    @Test func tasksRunInTheOrderTheyWereQueued() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let order = Mutex<[Int]>([])
        for index in 0..<100 { loop.execute { order.withLock { $0.append(index) } } }
        _ = try await loop.submit { 0 }
        #expect(order.withLock { $0 } == Array(0..<100))
    }

    @Test func timersOnALoopFireInDeadlineOrder() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let probe = Probe()
        let fired: [UInt32] = try await withCheckedThrowingContinuation { continuation in
            loop.execute {
                loop.scheduleTimer(after: .milliseconds(30), owner: probe, tag: 3)
                loop.scheduleTimer(after: .milliseconds(10), owner: probe, tag: 1)
                let cancelled = loop.scheduleTimer(after: .milliseconds(20), owner: probe, tag: 2)
                loop.cancelTimer(cancelled)
                probe.onFire = { if probe.fired.count == 2 { continuation.resume(returning: probe.fired) } }
            }
        }
        #expect(fired == [1, 3])
    }

    @Test func anEventForAReusedDescriptorNumberIsDroppedByItsGeneration() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let (old, new) = (Probe(), Probe())
        let counts = try await loop.submit {
            var fds: [Int32] = [0, 0]
            precondition(pipe(&fds) == 0)
            defer { close(fds[0]); close(fds[1]) }
            try loop.register(fds[0], interest: .read, handler: old)
            let stale = loop.registrationData(fds[0])!
            loop.deregister(fds[0])
            try loop.register(fds[0], interest: .read, handler: new)
            loop.dispatch(data: stale, flags: Interest.read.rawValue)
            loop.dispatch(data: loop.registrationData(fds[0])!, flags: Interest.read.rawValue)
            loop.deregister(fds[0])
            return (old.readableCount, new.readableCount)
        }
        #expect(counts == (0, 1))
    }

    @Test func aDueTimerFiresBetweenBatchesOfReadySockets() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let count = EventLoop.eventsPerBatch * 3
        let log = Log()
        let readers = (0..<count).map { index in Drainer(index: index, log: log) }
        let position: Int? = try await withCheckedThrowingContinuation { continuation in
            loop.execute {
                do {
                    for reader in readers { try loop.register(reader.fd, interest: .read, handler: reader) }
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                let timer = Probe()
                timer.onFire = { log.append(-1) }
                loop.scheduleTimer(at: EventLoop.now(), owner: timer, tag: 0)
                log.whenComplete = { continuation.resume(returning: log.entries.firstIndex(of: -1)) }
                log.expected = count + 1
            }
        }
        try await loop.submit {
            for reader in readers {
                loop.closeRegistered(reader.fd)
                close(reader.writer)
            }
        }
        // Every socket was ready before the loop waited: the timer came after the first batch, not after all.
        #expect(position == EventLoop.eventsPerBatch)
    }

    @Test func processesSharingTheMachineEachRunTheirShareOfTheCoresAndAtLeastOneLoop() {
        let cores = EventLoopGroup.coreCount
        #expect(EventLoopGroup.loopCount(sharingWith: 1) == cores)
        #expect(EventLoopGroup.loopCount(sharingWith: cores) == 1)
        #expect(EventLoopGroup.loopCount(sharingWith: cores * 3 / 2 + 1) == 1)
        #expect(EventLoopGroup.loopCount(sharingWith: 0) == cores)
    }

    @Test func aReadableDescriptorWakesTheLoop() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let probe = Probe()
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let reader = fds[0]
        try await loop.submit { try loop.register(reader, interest: .read, handler: probe) }
        #expect(write(fds[1], "x", 1) == 1)
        var seen = 0
        for _ in 0..<200 where seen == 0 {
            seen = try await loop.submit { probe.readableCount }
            if seen == 0 { try await Task.sleep(for: .milliseconds(10)) }
        }
        try await loop.submit { loop.deregister(reader) }
        #expect(seen > 0)
    }
}

@Suite struct EventLoopShutdownTests {
    @Test func submittingToAShutDownLoopThrowsInsteadOfHanging() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        group.shutdown()
        await #expect(throws: NetError.self) { try await group.loops[0].submit { 1 } }
    }

    @Test func shuttingDownReportsOpenChannelsToTheirHandlers() async throws {
        let testLoop = try TestLoop()
        let serverSide = ChannelRecorder()
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: try await testLoop.server(serverSide), station: "S")
        #expect(await clientSide.wait { $0.openedCount == 1 })
        #expect(await serverSide.wait { $0.openedCount == 1 })
        testLoop.shutdown()
        #expect(clientSide.closeReasons.count == 1)
        #expect(serverSide.closeReasons.count == 1)
    }

    /// In a process of its own, so that the descriptors counted are the group's alone, after a first group
    /// has opened what the process opens once (Dispatch's own descriptors).
    @Test func aShutDownGroupHasClosedItsDescriptorsWhileStillReferenced() async {
        await #expect(processExitsWith: .success) {
            (try? EventLoopGroup(loopCount: 2))?.shutdown()
            let before = Self.openDescriptorCount()
            let group = try? EventLoopGroup(loopCount: 2)
            guard let group, Self.openDescriptorCount() == before + 4 else { exit(1) }
            group.shutdown()
            let after = Self.openDescriptorCount()
            withExtendedLifetime(group) { exit(after == before ? 0 : 2) }
        }
    }

    private static func openDescriptorCount() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return -1 }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return count
    }
}
