import Station

extension StationPlan {
    /// The switched-off Green'Up of this plan in a run seeded with `seed`: its model and firmware, its
    /// identity and its own random stream (message ids, reconnection jitter).
    ///
    /// Every runner builds its stations here, so that a station behaves the same over sockets and in a
    /// simulation.
    /// - Parameter compactMessageIds: whether the station's message ids may be shorter than the
    ///   Green'Up's, where no one sees them (``Station/StationOptions/compactMessageIds``).
    func makeStation(reconnection: ReconnectionStrategy, seed: UInt64, compactMessageIds: Bool = false) -> Station {
        var stream = RandomStream(seed: seed, station: index, purpose: .station)
        var options = reconnection.stationOptions
        options.compactMessageIds = compactMessageIds
        return Station(
            model: model.stationModel(firmware: firmware),
            identity: StationIdentity(chargeBoxId: id, serialNumber: serialNumber),
            seed: stream.next(), options: options)
    }

    /// A serial number unique in fleets of up to 900,000 stations, six digits as the Green'Up's (`260988`).
    var serialNumber: String {
        String(100_000 + index % 900_000)
    }
}
