import Fleet
import Synchronization

/// Carries Ctrl-C to a capacity search: stops the step running now and keeps the next from starting.
final class CapacityInterruption: Sendable {
    private let state = Mutex<(interrupted: Bool, runner: FleetRunner?)>((false, nil))

    /// Whether Ctrl-C was pressed.
    var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// Makes `runner` the one a later ``interrupt()`` stops; stops it at once if Ctrl-C came first.
    func track(_ runner: FleetRunner) {
        let interrupted = state.withLock { state in
            state.runner = runner
            return state.interrupted
        }
        if interrupted { runner.stop() }
    }

    /// Called from the signal handler, on any thread.
    func interrupt() {
        let runner = state.withLock { state in
            state.interrupted = true
            return state.runner
        }
        runner?.stop()
    }
}
