/// Something that happens to the fleet at a given time of the profile.
public struct TimedEvent: Sendable, Equatable {
    /// What happens.
    public enum Action: Sendable, Equatable {
        /// The links of a share of the stations drop at once (the stations then reconnect by their policy),
        /// the way `how` says.
        case dropLinks(share: Double, how: LinkCut = .fin)
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
        /// The network between a share of the stations and the CSMS fails for a while (``LinkFault``):
        /// a partition, slow links or stalls.
        case linkFault(share: Double, LinkFault)
    }

    /// When, in milliseconds after the start of the profile.
    public var at: Int64
    /// What happens.
    public var action: Action
    /// The stations it may reach, by number (1-based, as in their ids: `1...500` is `GU000001` to
    /// `GU000500`); ``share`` is then a share of these. `nil` for the whole fleet.
    public var stations: ClosedRange<Int>?

    /// An event at `at` (milliseconds after the start of the profile), reaching `stations` (all by default).
    public init(at: Int64, action: Action, stations: ClosedRange<Int>? = nil) {
        self.at = at
        self.action = action
        self.stations = stations
    }

    /// The share of the stations the event concerns (every station for a CSMS restart).
    public var share: Double {
        switch action {
        case .dropLinks(let share, _), .powerCycle(let share, _), .firmwareRollout(let share, _, _),
            .chargingCap(let share, _), .linkFault(let share, _):
            share
        case .restartCSMS:
            1
        }
    }

    /// Whether the event may reach the station at `index` (0-based).
    public func selects(index: Int) -> Bool {
        stations?.contains(index + 1) ?? true
    }
}

/// How a fault cuts a link.
public enum LinkCut: String, Sendable, Equatable, CaseIterable {
    /// The socket closes without a WebSocket close frame: the CSMS reads the end of the stream (a FIN).
    case fin
    /// The socket closes with `SO_LINGER` 0: the CSMS's next read fails with a TCP reset.
    case reset
    /// A clean WebSocket close handshake, code 1001 (going away).
    case close
}

/// A charging limit, in the unit of a charging schedule.
public enum ChargingLimit: Sendable, Equatable {
    /// Amperes per phase.
    case amperes(Double)
    /// Watts.
    case watts(Double)
}
