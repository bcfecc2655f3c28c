/// Everything one station will do on its own during a run, drawn from its own random streams.
public struct StationPlan: Sendable, Equatable {
    /// The station's index in the whole fleet (0-based).
    public let index: Int
    /// Its identifier (chargeBoxId).
    public let id: String
    /// The index of its site in the profile's ``Profile/sites``.
    public let site: Int
    /// Its model.
    public let model: GreenUpModel
    /// Its firmware at the start.
    public let firmware: FirmwareVariant
    /// Whether it starts a transaction on plug-in, with no badge (its `oCPPPlugAndCharge` key, which the
    /// CSMS turns on after the station's first boot).
    public let plugAndCharge: Bool
    /// When it is switched on, in milliseconds since the Unix epoch: within the first minute, so that a
    /// fleet does not boot in one millisecond.
    public let powerOn: Int64
    /// The EV sessions, in order of arrival.
    public let sessions: [PlannedSession]
    /// EVs that found their charging point taken and went away.
    public let turnedAway: Int
    /// The timed events of the profile that concern this station, when each reaches it.
    public let events: [PlannedEvent]
}

/// A timed event of the profile as it reaches one station.
public struct PlannedEvent: Sendable, Equatable {
    /// The index of the event in the profile's ``Profile/events``.
    public let event: Int
    /// When it reaches this station, in milliseconds since the Unix epoch (the event's time plus this
    /// station's place in its spread).
    public let at: Int64
}
