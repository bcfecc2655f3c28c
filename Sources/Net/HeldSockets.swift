/// Sockets of links that ended during a partition: kept open, unread, until the partition heals, then
/// reset, as the peer's next packet would find the connection gone. Confined to its loop.
final class HeldSockets: TimerOwner {
    private var sockets: [UInt32: Int32] = [:]
    private var nextTag: UInt32 = 0

    /// Keeps `fd` (already out of the loop's epoll set) until `deadline`, then resets it.
    func hold(_ fd: Int32, until deadline: UInt64, on loop: EventLoop) {
        nextTag &+= 1
        sockets[nextTag] = fd
        loop.scheduleTimer(at: deadline, owner: self, tag: nextTag)
    }

    func timerFired(_ tag: UInt32) {
        if let fd = sockets.removeValue(forKey: tag) { Self.reset(fd) }
    }

    /// Resets every socket still held (the loop is shutting down).
    func resetAll() {
        for fd in sockets.values { Self.reset(fd) }
        sockets.removeAll()
    }

    private static func reset(_ fd: Int32) {
        Syscall.resetOnClose(fd)
        Syscall.close(fd)
    }
}
