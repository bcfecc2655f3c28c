/// A descriptor's owner, registered with one ``EventLoop`` and called on its thread.
protocol Selectable: AnyObject {
    /// The descriptor has data (or an end of file, or an error) to read.
    func readable()
    /// The descriptor accepts writes again, or a pending connect finished.
    func writable()
    /// The loop is shutting down: close the descriptor and tell whoever waits for it.
    func loopClosing()
}
