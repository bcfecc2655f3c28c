/// A connected station as the CSMS core knows it, returned by ``CentralSystem/connect(stationID:now:into:)``
/// and passed back with every frame of that connection.
///
/// The generation makes a handle kept after its station disconnected harmless: its slot may be reused by
/// another station, but the old handle no longer matches it.
public struct StationHandle: Hashable, Sendable {
    let index: UInt32
    let generation: UInt32
}
