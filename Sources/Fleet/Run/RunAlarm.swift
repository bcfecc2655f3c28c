import Net
import Synchronization

/// Wakes the run's coordinator at its next deadline, or at once when another thread rings (``stop()``,
/// ``resize(to:)`` of ``FleetRunner``).
///
/// The coordinator used to poll every 50 ms on `Task.sleep`: twenty wake-ups a second of a pool thread and
/// of Dispatch's timer thread, most of them for nothing, each a few futex calls that a fleet at 1,000
/// msgs/s paid per second beside its messages. It now sleeps on a timer of one event loop (which wakes
/// anyway for its own timers) until the next thing it has to do, about once a second. Its shorter pauses
/// (while the links close, while a restarted CSMS tries to listen again) sleep on it too: a run opens no
/// timer of Dispatch's.
final class RunAlarm: TimerOwner, Sendable {
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        /// Rung while nobody waited: the next wait returns at once.
        var rung = false
        /// Tells the timer of the current wait from those of earlier waits that a ring ended early.
        var generation: UInt32 = 0
    }

    private let state = Mutex(State())

    /// Returns at `deadline` (``EventLoop/now()``'s clock) or when rung, whichever comes first; at once
    /// when rung since the last wait.
    /// - Parameter loop: the loop whose timer wheel keeps the deadline.
    func wait(until deadline: UInt64, on loop: EventLoop) async {
        await withCheckedContinuation { continuation in
            let generation = state.withLock { state -> UInt32? in
                if state.rung {
                    state.rung = false
                    return nil
                }
                state.waiter = continuation
                state.generation &+= 1
                return state.generation
            }
            guard let generation else {
                continuation.resume()
                return
            }
            loop.execute {
                loop.scheduleTimer(at: deadline, owner: self, tag: generation)
            }
        }
    }

    /// Ends the current wait, or the next one if none is under way. Callable from any thread.
    func ring() {
        wake(generation: nil)
    }

    /// The deadline of a wait passed; a wait that a ring ended already is not the current one.
    func timerFired(_ tag: UInt32) {
        wake(generation: tag)
    }

    private func wake(generation: UInt32?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let generation, generation != state.generation || state.waiter == nil { return nil }
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
