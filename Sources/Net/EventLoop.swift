import Basics
import CSystem
import Glibc
import Synchronization

/// One thread running an epoll loop, owning its sockets and timers: everything registered with a loop is
/// touched only on that loop's thread, so the hot path takes no lock.
///
/// Call ``execute(_:)`` or ``submit(_:)`` from any thread to run work on the loop; everything else
/// (connecting, sending, timers) must be called on the loop, from its callbacks or a submitted task.
public final class EventLoop: @unchecked Sendable {
    // @unchecked Sendable: the fields under "Loop-confined" are touched only on the loop's thread (checked by
    // `precondition(inLoop)` where they are reached from public API); the others are immutable, a Mutex, or
    // atomics.

    private struct TaskQueue {
        var tasks: [@Sendable () -> Void] = []
        /// Set once the loop has run its last tasks and closed its epoll and eventfd: later tasks are refused,
        /// and nobody signals the eventfd again (its number may belong to another descriptor by then).
        var closed = false
    }

    private struct Registration {
        let handler: any Selectable
        let generation: UInt32
        var interest: Interest
    }

    // MARK: Shared with other threads

    private let epoll: Int32
    private let wakeFD: Int32
    private let tasks = Mutex<TaskQueue>(TaskQueue())
    private let wakePending = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    /// The loop's thread: written once by that thread before ``EventLoopGroup`` hands the loop out, then only read.
    private nonisolated(unsafe) var threadID = pthread_t()

    // MARK: Loop-confined

    // The state touched for every event is unchecked for exclusivity: confined to the loop's thread, and every
    // access to it is short (a channel's send ends its access to `output` before the next handler runs).
    @exclusivity(unchecked) private var registrations: ContiguousArray<Registration?> = []
    private var generation: UInt32 = 0
    private let events: UnsafeMutablePointer<epoll_event>
    @exclusivity(unchecked) private var timers: TimerWheel
    private var runningTasks: [@Sendable () -> Void] = []
    /// The one read buffer of this loop: every connection reads into it, none keeps its own.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Where a channel's codec writes frames before the channel sends them; empty between calls.
    @exclusivity(unchecked) var output: [UInt8] = []
    /// Where a TLS channel's engine writes the plaintext it decrypted; empty between calls.
    var plaintext: [UInt8] = []
    /// The source of the loop's WebSocket keys and masking keys.
    var random = SplitMix64()
    /// Sockets of links that ended during a partition, made at the first.
    private var heldSockets: HeldSockets?
    /// What the loop's channels hold unsent, kept by the channels.
    @exclusivity(unchecked) var unsent = SendQueueDepth()

    /// The most events one wake-up handles before the loop fires its due timers and asks again. A storm of
    /// ready sockets (a connect ramp, a reconnection wave) then delays a timer by one batch's work, about
    /// 64 × 20–40 µs, rather than by all of it: what is left is still ready at the next `epoll_wait`.
    static let eventsPerBatch = 64

    init(readBufferSize: Int = 64 * 1024) throws {
        epoll = try Syscall.epollCreate()
        do {
            wakeFD = try Syscall.eventFD()
        } catch {
            Syscall.close(epoll)
            throw error
        }
        events = .allocate(capacity: Self.eventsPerBatch)
        timers = TimerWheel(now: SystemClock.monotonicNanoseconds())
        readBuffer = .allocate(byteCount: readBufferSize, alignment: 16)
        // The eventfd is told apart from sockets by a data word no socket can have (generation 0 is never given).
        try Syscall.epollControl(epoll, EPOLL_CTL_ADD, wakeFD, events: Interest.read.rawValue, data: UInt64(UInt32.max))
    }

    deinit {
        // A loop whose thread never ran still holds its descriptors; a loop that ran closed them as it ended.
        tasks.withLock { queue in
            if !queue.closed { closeDescriptors() }
        }
        events.deallocate()
        readBuffer.deallocate()
    }

    /// Whether the caller runs on this loop's thread.
    public var inLoop: Bool {
        pthread_equal(pthread_self(), threadID) != 0
    }

    /// Stops the process, in debug and release builds alike, when the caller is not on this loop's thread.
    ///
    /// Loop-confined state reached from another thread is a data race that corrupts memory far from its
    /// cause (a send off its loop writes into the loop's shared output buffer while another channel uses
    /// it); trapping at the call names the culprit. It costs a `pthread_self` and a comparison.
    /// - Parameter what: what the caller tried, for the message (`"WebSocketChannel.send"`).
    @inline(__always)
    public func preconditionInLoop(_ what: StaticString) {
        if !inLoop { Self.calledOffLoop(what) }
    }

    /// Kept out of line, so that the check inlined into every entry point stays a compare and a branch.
    @inline(never)
    private static func calledOffLoop(_ what: StaticString) -> Never {
        // fatalError, not precondition: a release build prints the message too.
        fatalError("\(what) called off its event loop's thread")
    }

    // MARK: Work from any thread

    /// Runs `task` on the loop's thread, after the events being handled now. Callable from any thread.
    /// A task given after ``EventLoopGroup/shutdown()`` is dropped.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        _ = enqueue(task)
    }

    /// Runs `body` on the loop's thread and returns its result to the awaiting caller.
    /// - Throws: what `body` throws, or ``NetError`` when the loop has shut down.
    @discardableResult
    public func submit<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let queued = enqueue { continuation.resume(with: Result { try body() }) }
            if !queued {
                continuation.resume(throwing: NetError(.system, "the event loop has shut down"))
            }
        }
    }

    private func enqueue(_ task: @escaping @Sendable () -> Void) -> Bool {
        // The eventfd is signalled under the lock, so that the loop cannot close it in between.
        tasks.withLock { queue in
            guard !queue.closed else { return false }
            queue.tasks.append(task)
            if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
                try? Syscall.eventFDSignal(wakeFD)
            }
            return true
        }
    }

    // MARK: Timers (on the loop)

    /// The loop's clock: monotonic nanoseconds, the unit of timer deadlines.
    public static func now() -> UInt64 {
        SystemClock.monotonicNanoseconds()
    }

    /// Calls `owner.timerFired(tag)` on this loop at `deadline` (``now()``'s clock), or just after.
    /// Timers due at the same time fire in the order they were scheduled.
    @discardableResult
    public func scheduleTimer(at deadline: UInt64, owner: any TimerOwner, tag: UInt32) -> TimerID {
        precondition(inLoop, "timers are scheduled on their loop")
        return timers.schedule(at: deadline, owner: owner, tag: tag)
    }

    /// Calls `owner.timerFired(tag)` on this loop after `delay`.
    @discardableResult
    public func scheduleTimer(after delay: Duration, owner: any TimerOwner, tag: UInt32) -> TimerID {
        scheduleTimer(at: Self.now() &+ delay.nanoseconds, owner: owner, tag: tag)
    }

    /// Cancels a timer of this loop; cancelling one that fired already does nothing.
    public func cancelTimer(_ id: TimerID) {
        precondition(inLoop, "timers are cancelled on their loop")
        timers.cancel(id)
    }

    /// What the loop's channels hold because the kernel did not take it yet (on the loop): zero while every
    /// peer keeps up.
    public var sendQueue: SendQueueDepth {
        precondition(inLoop, "the send queue is read on its loop")
        return unsent
    }

    /// The number of timers scheduled on this loop (on the loop): an open, idle channel holds none.
    public var timerCount: Int {
        precondition(inLoop, "timers are counted on their loop")
        return timers.count
    }

    // MARK: Descriptors (on the loop)

    func register(_ fd: Int32, interest: Interest, handler: any Selectable) throws(SystemCallError) {
        precondition(inLoop, "descriptors are registered on their loop")
        generation = generation == UInt32.max - 1 ? 1 : generation + 1
        let index = Int(fd)
        if index >= registrations.count {
            registrations.append(contentsOf: repeatElement(nil, count: index + 1 - registrations.count))
        }
        try Syscall.epollControl(epoll, EPOLL_CTL_ADD, fd, events: interest.rawValue, data: data(fd, generation))
        registrations[index] = Registration(handler: handler, generation: generation, interest: interest)
    }

    func setInterest(_ fd: Int32, _ interest: Interest) throws(SystemCallError) {
        let index = Int(fd)
        guard let registration = registrations[index], registration.interest != interest else { return }
        try Syscall.epollControl(
            epoll, EPOLL_CTL_MOD, fd, events: interest.rawValue, data: data(fd, registration.generation))
        registrations[index]!.interest = interest
    }

    /// Forgets a descriptor before it is closed; its pending events are dropped by their generation.
    func deregister(_ fd: Int32) {
        let index = Int(fd)
        guard index < registrations.count, registrations[index] != nil else { return }
        registrations[index] = nil
        // Closing the descriptor removes it from epoll anyway; this only fails if it is already gone.
        try? Syscall.epollControl(epoll, EPOLL_CTL_DEL, fd, events: 0, data: 0)
    }

    /// Forgets a descriptor and closes it: the close takes it out of the epoll set (no other process or
    /// descriptor shares its socket), so no `EPOLL_CTL_DEL` is spent on it.
    func closeRegistered(_ fd: Int32) {
        let index = Int(fd)
        if index < registrations.count { registrations[index] = nil }
        Syscall.close(fd)
    }

    /// The epoll data word of a registered descriptor, or `nil`.
    func registrationData(_ fd: Int32) -> UInt64? {
        let index = Int(fd)
        guard index < registrations.count, let registration = registrations[index] else { return nil }
        return data(fd, registration.generation)
    }

    private func data(_ fd: Int32, _ generation: UInt32) -> UInt64 {
        UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd))
    }

    /// Keeps the socket of a link that ended during a partition until `deadline`, then resets it
    /// (see ``LinkConditions``). `fd` must be out of the epoll set already.
    func holdUntilReset(_ fd: Int32, until deadline: UInt64) {
        if heldSockets == nil { heldSockets = HeldSockets() }
        heldSockets!.hold(fd, until: deadline, on: self)
    }

    // MARK: Running

    /// Records the calling thread as the loop's; called by that thread before anyone else sees the loop.
    func adoptCurrentThread() {
        threadID = pthread_self()
    }

    func run() {
        while !stopping.load(ordering: .acquiring) {
            runTasks()
            let count: Int
            do {
                count = try Syscall.epollWait(
                    epoll, events, capacity: Int32(Self.eventsPerBatch), timeoutMilliseconds: waitTimeout())
            } catch {
                fatalError("\(error)")
            }
            for index in 0..<count {
                dispatch(
                    data: csystem_epoll_event_data(events, Int32(index)),
                    flags: csystem_epoll_event_flags(events, Int32(index)))
            }
            fireTimers()
        }
        for case let registration? in registrations {
            registration.handler.loopClosing()
        }
        registrations.removeAll()
        heldSockets?.resetAll()
        // The last tasks run, and the queue closes in the same step, so that no task is left unrun. The
        // descriptors close with it, by the time ``EventLoopGroup/shutdown()`` returns, not whenever the
        // last reference to the loop goes away.
        while true {
            let last = tasks.withLock { queue in
                defer { queue.tasks = [] }
                if queue.tasks.isEmpty {
                    queue.closed = true
                    closeDescriptors()
                }
                return queue.tasks
            }
            if last.isEmpty { break }
            for task in last { task() }
        }
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        tasks.withLock { queue in
            if !queue.closed { try? Syscall.eventFDSignal(wakeFD) }
        }
    }

    /// Called once, under the task queue's lock, as the queue closes.
    private func closeDescriptors() {
        Syscall.close(wakeFD)
        Syscall.close(epoll)
    }

    private func runTasks() {
        guard wakePending.load(ordering: .acquiring) || !tasks.withLock({ $0.tasks.isEmpty }) else { return }
        // Cleared before taking the tasks: a task queued after this point signals the eventfd again.
        wakePending.store(false, ordering: .releasing)
        tasks.withLock { swap(&$0.tasks, &runningTasks) }
        for task in runningTasks { task() }
        runningTasks.removeAll(keepingCapacity: true)
    }

    private func waitTimeout() -> Int32 {
        if !tasks.withLock({ $0.tasks.isEmpty }) { return 0 }
        guard let wakeUp = timers.nextWakeUp() else { return -1 }
        let now = SystemClock.monotonicNanoseconds()
        if wakeUp <= now { return 0 }
        return Int32(clamping: (wakeUp - now + 999_999) / 1_000_000)
    }

    func dispatch(data: UInt64, flags: UInt32) {
        if data == UInt64(UInt32.max) {
            try? Syscall.eventFDDrain(wakeFD)
            return
        }
        let index = Int(UInt32(truncatingIfNeeded: data))
        let generation = UInt32(truncatingIfNeeded: data >> 32)
        guard index < registrations.count, let registration = registrations[index],
            registration.generation == generation
        else { return }
        let failed = flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
        if flags & Interest.read.rawValue != 0 || (failed && registration.interest.contains(.read)) {
            registration.handler.readable()
        }
        if flags & Interest.write.rawValue != 0 || (failed && registration.interest.contains(.write)) {
            // The read handler may have closed the descriptor, or a new one may have taken its number.
            guard let current = registrations[index], current.generation == generation else { return }
            current.handler.writable()
        }
    }

    private func fireTimers() {
        guard timers.count > 0 else { return }
        timers.collectDue(now: SystemClock.monotonicNanoseconds())
        while let (owner, tag) = timers.popDue() {
            owner.timerFired(tag)
        }
    }
}
