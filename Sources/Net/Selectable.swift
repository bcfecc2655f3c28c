/// A descriptor's owner, registered with one ``EventLoop`` and called on its thread.
protocol Selectable: AnyObject {
    /// The descriptor has data (or an end of file, or an error) to read.
    func readable()
    /// The descriptor accepts writes again, or a pending connect finished.
    func writable()
    /// The loop is shutting down: close the descriptor and tell whoever waits for it.
    func loopClosing()
}

/// What a descriptor waits for. Level-triggered: an event repeats until it is served.
struct Interest: OptionSet {
    let rawValue: UInt32
    static let read = Interest(rawValue: EPOLLIN_FLAG)
    static let write = Interest(rawValue: EPOLLOUT_FLAG)
}
