/// A scheduled timer, to cancel it. Cancelling a timer that already fired or was cancelled does nothing.
public struct TimerID: Hashable, Sendable {
    let index: UInt32
    let generation: UInt32
}
