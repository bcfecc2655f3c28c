/// Whoever a timer belongs to. A timer holds its owner and a small tag rather than a closure, so that
/// 100,000 timers (a heartbeat and a meter timer per station) cost a few tens of bytes each.
public protocol TimerOwner: AnyObject {
    /// Called on the owner's event loop when the timer tagged `tag` is due.
    func timerFired(_ tag: UInt32)
}
