import Dispatch

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Turns the first SIGINT or SIGTERM into a graceful stop and the second into an immediate exit, as a
/// user pressing Ctrl-C twice expects.
final class InterruptWatcher: Sendable {
    // The sources are created once in init and only cancelled in deinit: never mutated while shared.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "ocpp-fleet.signals")

    /// - Parameter stop: called once, on the watcher's own queue, at the first signal.
    init(stop: @escaping @Sendable () -> Void) {
        let received = Received()
        for signalNumber in [SIGINT, SIGTERM] {
            // The default action would kill the process before the source sees the signal.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if received.first() {
                    Output.error("\nstopping: closing transactions and links, writing the report (Ctrl-C again to quit at once)")
                    stop()
                } else {
                    _exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Counts signals; only touched on the watcher's serial queue.
    private final class Received: @unchecked Sendable {
        private var count = 0
        func first() -> Bool {
            count += 1
            return count == 1
        }
    }
}
