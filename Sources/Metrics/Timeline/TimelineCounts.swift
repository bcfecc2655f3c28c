/// What a stretch of a run counted: calls and their outcomes, connection attempts and theirs, and the links
/// and stations up at its end. A loop's second (``TimelineSecond``), the fleet's second and a longer point
/// (``TimelinePoint``) hold the same counts and merge them the same way.
public struct TimelineCounts: Sendable, Equatable {
    /// Calls sent.
    public var sent: UInt64 = 0
    /// Calls answered (CallResult or CallError).
    public var answered: UInt64 = 0
    /// CallErrors received.
    public var callErrors: UInt64 = 0
    /// Calls that timed out.
    public var timeouts: UInt64 = 0
    /// Connection attempts that failed.
    public var connectFailures: UInt64 = 0
    /// Links up at the end of the stretch.
    public var connected: UInt64 = 0
    /// Connection attempts begun (first ones and reconnections).
    public var connectAttempts: UInt64 = 0
    /// Attempts that completed the WebSocket handshake.
    public var accepted: UInt64 = 0
    /// Attempts refused: nothing listening (TCP) or an HTTP status other than 101.
    public var refused: UInt64 = 0
    /// Attempts that did not open in time.
    public var connectTimeouts: UInt64 = 0
    /// Stations connected whose BootNotification the CSMS accepted, at the end of the stretch.
    public var booted: UInt64 = 0

    /// Makes counts of nothing.
    public init() {}

    /// Adds the counts of the same stretch as another loop or shard saw it: every count adds up, the links
    /// and stations up included (the other part's own).
    mutating func add(sameStretchOf other: TimelineCounts) {
        sent &+= other.sent
        answered &+= other.answered
        callErrors &+= other.callErrors
        timeouts &+= other.timeouts
        connectFailures &+= other.connectFailures
        connected &+= other.connected
        connectAttempts &+= other.connectAttempts
        accepted &+= other.accepted
        refused &+= other.refused
        connectTimeouts &+= other.connectTimeouts
        booted &+= other.booted
    }

    /// Takes in the stretch that follows this one in time: what happened adds up, and the links and
    /// stations up are those at its end.
    mutating func append(_ later: TimelineCounts) {
        add(sameStretchOf: later)
        connected = later.connected
        booted = later.booted
    }
}
