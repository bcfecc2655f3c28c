/// What the simulator's scheduler holds: small values naming a station and what happens to it, with no
/// closure and no frame bytes (frames wait in a ``FramePool`` slot).
enum SimulationEvent {
    /// A timer of the station's host (its power-on, the next step of its life, a station timer); stale
    /// when its generation no longer matches (re-armed or cancelled since).
    case timer(station: Int32, generation: UInt32, timer: HostTimer)
    /// A station's connection attempt reaches the CSMS.
    case connectAttempt(station: Int32)
    /// A frame from a station reaches the CSMS, unless the link it went on (its epoch) has closed.
    case frameToCSMS(station: Int32, frame: Int32, epoch: UInt32)
    /// A frame from the CSMS reaches a station, unless the link it went on has closed.
    case frameToStation(station: Int32, frame: Int32, epoch: UInt32)
    /// A ping the station sent on its link (epoch) in a partition is still unanswered: the link is dead.
    case pingTimeout(station: Int32, epoch: UInt32)
    /// A fault of the profile (index into its events) is due: its storm begins in every core.
    case faultPlanned(event: Int32)
    /// The CSMS goes down (index into the profile's events) or comes back.
    case csmsDown(event: Int32)
    case csmsUp
    /// The CSMS core of a station may have commands to time out.
    case csmsDeadline(station: Int32)
}
