import CSystem

/// What a descriptor waits for. Level-triggered: an event repeats until it is served.
struct Interest: OptionSet {
    let rawValue: UInt32
    static let read = Interest(rawValue: EPOLLIN.rawValue)
    static let write = Interest(rawValue: EPOLLOUT.rawValue)
}
