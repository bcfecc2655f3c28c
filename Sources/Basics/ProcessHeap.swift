import CSystem

/// The process's malloc heap, as glibc keeps it.
public enum ProcessHeap {
    /// Gives the heap's free pages back to the system, so that the resident size follows the bytes in use.
    ///
    /// glibc keeps the pages freed after a burst (a backlog the fleet caught up with) in its arenas for
    /// reuse; over a day of bursts a process's resident size then grows although the bytes it uses do not.
    /// The call walks every arena under its lock: made once a minute by a run, off the event loops.
    public static func returnFreePages() {
        _ = malloc_trim(0)
    }
}
