import Foundation
import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Turns the first SIGINT or SIGTERM into a graceful stop and the second into an immediate exit, as a
/// user pressing Ctrl-C twice expects.
///
/// The handler is a plain C signal handler installed before `init` returns, so no signal sent after a
/// command printed its banner can be lost (a Dispatch signal source arms itself later, on another thread,
/// and a signal in between was ignored). The handler only does what is async-signal-safe: it counts, exits
/// at the second signal, and writes a byte to a pipe that an ordinary thread reads to call `stop`.
final class InterruptWatcher: Sendable {
    /// - Parameters:
    ///   - announcement: printed at the first signal: what stopping does now (nothing when empty: a
    ///     worker process, whose parent announces).
    ///   - stop: called once, on a thread of its own, at the first signal.
    init(announcement: String, stop: @escaping @Sendable () -> Void) {
        InterruptState.stop.withLock { $0 = (announcement, stop) }
        InterruptState.startReaderOnce()
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, interruptHandler)
            sigaddset(&signals, signalNumber)
        }
        // A parent may start us with these signals blocked (`swift test` does): a stop would then wait
        // forever in the pending set.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// The exit code of a process stopped by the signal received, 128 + its number as shells report it
    /// (130 for SIGINT, 143 for SIGTERM), or nil when none came.
    var exitCode: ExitCode? {
        switch InterruptState.signal.load(ordering: .acquiring) {
        case SIGINT: .interrupted
        case SIGTERM: .terminated
        default: nil
        }
    }

    deinit {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_DFL)
        }
        InterruptState.stop.withLock { $0 = nil }
    }
}

private enum InterruptState {
    static let count = Atomic<Int>(0)
    /// The first signal's number.
    static let signal = Atomic<Int32>(0)
    static let stop = Mutex<(announcement: String, stop: @Sendable () -> Void)?>(nil)
    /// The pipe's write end, for the handler: an atomic load is safe in a signal handler.
    static let writeEnd = Atomic<Int32>(-1)
    private static let started = Atomic<Bool>(false)

    static func startReaderOnce() {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        var ends: [Int32] = [-1, -1]
        pipe(&ends)
        let readEnd = ends[0]
        writeEnd.store(ends[1], ordering: .releasing)
        let reader = Thread {
            var byte: UInt8 = 0
            while true {
                let result = read(readEnd, &byte, 1)
                if result < 0, errno == EINTR { continue }
                guard result == 1 else { return }
                guard let (announcement, stop) = InterruptState.stop.withLock({ $0 }) else { continue }
                if !announcement.isEmpty { Output.error("\n\(announcement) (Ctrl-C again to quit at once)") }
                stop()
            }
        }
        reader.name = "ocpp-fleet.signals"
        reader.start()
    }
}

private let interruptHandler: @convention(c) (Int32) -> Void = { signalNumber in
    if InterruptState.count.add(1, ordering: .relaxed).newValue >= 2 {
        _exit(128 + signalNumber)
    }
    _ = InterruptState.signal.compareExchange(expected: 0, desired: signalNumber, ordering: .acquiringAndReleasing)
    var byte: UInt8 = 1
    _ = write(InterruptState.writeEnd.load(ordering: .acquiring), &byte, 1)
}
