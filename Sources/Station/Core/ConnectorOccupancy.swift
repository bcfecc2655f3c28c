/// What a connector holds while an EV, a driver or a reservation occupies it: most of a connector's
/// size, and nothing at all for an idle one. ``Connector`` keeps it on the heap, and only while any of it
/// is set.
struct ConnectorOccupancy: Sendable {
    var ev: EVCharacteristics?
    var transaction: Transaction?
    /// A driver authorized (badge or remote start) before plugging in.
    var authorizedDriver: Driver?
    /// A driver whose badge is being checked with Authorize.
    var authorizing: Driver?
    var reservation: Reservation?

    /// Nothing occupies the connector.
    var isEmpty: Bool {
        ev == nil && transaction == nil && authorizedDriver == nil && authorizing == nil && reservation == nil
    }
}
