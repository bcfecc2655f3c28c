import Dispatch
import Glibc
import Synchronization

/// A set of ``EventLoop``s, one thread each, one per core by default.
///
/// Threads start in the initializer and stop in ``shutdown()``; every socket and timer of a loop is closed
/// when it stops.
public final class EventLoopGroup: Sendable {
    /// The loops, in a stable order: shard `i` of a fleet can live on `loops[i % loops.count]`.
    public let loops: [EventLoop]
    private let threads: Mutex<[pthread_t]>
    private let nextIndex = Atomic<Int>(0)

    /// Starts `loopCount` loops, each on its own thread.
    public init(loopCount: Int = EventLoopGroup.coreCount) throws {
        precondition(loopCount > 0, "a group needs at least one loop")
        var loops: [EventLoop] = []
        for _ in 0..<loopCount { loops.append(try EventLoop()) }
        self.loops = loops
        self.threads = Mutex(loops.map { Self.startThread(for: $0) })
    }

    /// The number of online processors.
    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The loops each of `processes` processes sharing this machine runs: its share of the cores, at least
    /// one. More loops than cores only add threads that wait for a core and wake each other up.
    public static func loopCount(sharingWith processes: Int) -> Int {
        max(1, coreCount / max(1, processes))
    }

    /// The loops in turn, for spreading connections.
    public func next() -> EventLoop {
        loops[nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// Stops every loop, closing its sockets, and waits for the threads to end. Call it from outside the loops.
    public func shutdown() {
        precondition(!loops.contains { $0.inLoop }, "a loop cannot wait for its own thread to end")
        let threads = self.threads.withLock { threads in
            defer { threads = [] }
            return threads
        }
        for loop in loops { loop.stop() }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Starts the loop's thread and returns once the thread has adopted the loop, so that ``EventLoop/inLoop``
    /// is right for every caller from then on. An ordinary function, never a main-actor closure: the thread's
    /// entry point must not inherit an actor's isolation.
    private static func startThread(for loop: EventLoop) -> pthread_t {
        let started = DispatchSemaphore(value: 0)
        let context = Unmanaged.passRetained(ThreadContext(loop: loop, started: started)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let context = Unmanaged<ThreadContext>.fromOpaque(raw!).takeRetainedValue()
            context.loop.adoptCurrentThread()
            context.started.signal()
            context.loop.run()
            return nil
        }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
        started.wait()
        return thread
    }
}

private final class ThreadContext {
    let loop: EventLoop
    let started: DispatchSemaphore
    init(loop: EventLoop, started: DispatchSemaphore) {
        self.loop = loop
        self.started = started
    }
}
