/// What the CSMS core asks its driver (the socket server, or the simulator in virtual time) to do.
public enum CSMSEffect: Sendable {
    /// Send this text frame to the station at `at` (milliseconds since the Unix epoch). `at` is later than
    /// the `now` of the call that produced it when answers are delayed: the driver schedules the send.
    case send(StationHandle, frame: [UInt8], at: Int64)
    /// Close the station's link: a newer connection took over its station id.
    case close(StationHandle)
    /// A command sent to a station came to an end: answered, failed, timed out or lost.
    case commandCompleted(CommandCompletion)
    /// A station stopped a transaction another core handed out (it reconnected onto another event loop):
    /// the driver passes the stop on to that core, ``CentralSystem/stopFromAnotherCore(transactionId:)``.
    case stopForAnotherCore(transactionId: Int)
}
