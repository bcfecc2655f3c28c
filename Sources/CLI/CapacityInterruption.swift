import Synchronization

/// Carries Ctrl-C to a capacity search: the step running gives up waiting for its figures, no further
/// step starts, and the search stops its fleet.
///
/// The fleet is stopped by the search rather than from the signal handler: a runner stopped before its
/// clock has started cannot work out how long it ran, and a Ctrl-C between two steps would land just there.
final class CapacityInterruption: Sendable {
    private let interrupted = Atomic<Bool>(false)

    /// Whether Ctrl-C was pressed.
    var isInterrupted: Bool { interrupted.load(ordering: .acquiring) }

    /// Called from the signal handler, on any thread.
    func interrupt() {
        interrupted.store(true, ordering: .releasing)
    }
}
