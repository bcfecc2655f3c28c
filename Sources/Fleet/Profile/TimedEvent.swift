/// Something that happens to the fleet at a given time of the profile.
public struct TimedEvent: Sendable, Equatable {
    /// What happens.
    public enum Action: Sendable, Equatable {
        /// The links of a share of the stations drop at once (the stations then reconnect by their policy).
        case dropLinks(share: Double)
        /// A share of the stations lose power and boot again, spread over a span.
        case powerCycle(share: Double, spreadMilliseconds: Int64)
        /// The CSMS sends UpdateFirmware for `version` to a share of the stations, spread over a span;
        /// stations already on it are left alone.
        case firmwareRollout(share: Double, version: FirmwareVariant, spreadMilliseconds: Int64)
        /// The CSMS caps a share of the stations with a charging profile (SetChargingProfile).
        case chargingCap(share: Double, limit: ChargingLimit)
        /// The embedded CSMS goes down for a while: every link drops, and connections are refused until
        /// it is back.
        case restartCSMS(downtimeMilliseconds: Int64)
    }

    /// When, in milliseconds after the start of the profile.
    public var at: Int64
    /// What happens.
    public var action: Action

    /// The share of the stations the event concerns (every station for a CSMS restart).
    public var share: Double {
        switch action {
        case .dropLinks(let share), .powerCycle(let share, _), .firmwareRollout(let share, _, _),
            .chargingCap(let share, _):
            share
        case .restartCSMS:
            1
        }
    }
}

/// A charging limit, in the unit of a charging schedule.
public enum ChargingLimit: Sendable, Equatable {
    /// Amperes per phase.
    case amperes(Double)
    /// Watts.
    case watts(Double)
}
