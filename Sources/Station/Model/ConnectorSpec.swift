/// One socket of a station, as the model data describes it.
public struct ConnectorSpec: Sendable {
    /// The kind of socket, which sets how much current and how many phases it can carry.
    public enum Socket: String, Sendable {
        /// Mode 3, type 2 with shutters (T2S): up to 32 A, three phases, a lock.
        case t2s = "T2S"
        /// Mode 2, the domestic 2P+T socket: 8 to 10 A, one phase, no lock.
        case domestic = "2P+T"
    }

    /// Which charging point of the station the socket belongs to; the Legrand installation and cable
    /// limits are given per side.
    public enum Side: String, Sendable {
        case right
        case left
    }

    public let socket: Socket
    public let side: Side
    public let maxCurrent: Double
    public let phases: Int
    /// Whether UnlockConnector has a lock to release (otherwise `NotSupported`).
    public let hasLock: Bool
}
