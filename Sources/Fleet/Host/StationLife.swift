import Station

/// What happens to one station during a run, from its ``StationPlan``, in time order: EVs plugged in,
/// badges presented, EVs leaving, power cuts, links dropped, network faults.
///
/// It is the plan turned into the events a ``Station`` understands and the commands a CSMS sends it,
/// with no clock of its own, the one for both engines: the runner over sockets arms a loop timer at
/// ``nextTime``, the simulation schedules an event then, and each takes the steps that are due.
struct StationLife: Sendable {
    /// How long after plugging in a driver presents a badge, in milliseconds.
    static let badgeDelay: Int64 = 10_000
    /// How long after plugging in a driver starts a session from an app, in milliseconds.
    static let appStartDelay: Int64 = 20_000

    /// One thing that happens to the station.
    enum Step: Sendable {
        /// An event for the station's state machine.
        case station(StationEvent)
        /// The CSMS starts a session remotely (the driver used an app), when the host drives the CSMS.
        case remoteStart(connectorId: Int, idTag: String)
        /// The CSMS sends UpdateFirmware to this station for `version` (a profile's `firmwareRollout`).
        case firmwareRollout(FirmwareVariant)
        /// The CSMS caps the station with a charging profile (a profile's `chargingCap`).
        case chargingCap(ChargingLimit)
        /// The station's link drops the way the cut says (the profile's `dropLinks` event number `event`);
        /// the station then reconnects by its policy.
        case dropLink(LinkCut, event: Int)
        /// The station loses power and boots again (the profile's `powerCycle` event number `event`).
        case powerCycle(event: Int)
        /// The network between the station and the CSMS fails for a while (the profile's `partition`,
        /// `slowLinks` or `stalls` event number `event`, or a `--fault`).
        case linkFault(LinkFault, event: Int)

        /// The fault the step injects, as the report's storms name it, with the profile event it comes
        /// from; `nil` for the ordinary life of a station. Every fault says so here (the switch has no
        /// default), and the runner records the storm it causes before carrying it out.
        var fault: (name: String, event: Int)? {
            switch self {
            case .dropLink(_, let event): ("dropLinks", event)
            case .powerCycle(let event): ("powerCycle", event)
            case .linkFault(let fault, let event): (fault.eventName, event)
            case .station, .remoteStart, .firmwareRollout, .chargingCap: nil
            }
        }
    }

    private var steps: [(at: Int64, step: Step)]
    private var nextIndex = 0

    /// The life of the station planned by `plan`, up to `end` (milliseconds since the Unix epoch, on the
    /// plan's calendar): EVs leaving after the end stay plugged in until the run stops them.
    /// - Parameter shift: how far the steps move from the plan's calendar onto the clock that drives the
    ///   station (``RunClock/planShift`` over sockets, 0 in virtual time).
    init(plan: StationPlan, profile: Profile, end: Int64, shift: Int64) {
        var steps: [(at: Int64, step: Step)] = []
        for session in plan.sessions where session.arrival < end {
            let ev = EVCharacteristics(
                maxPowerW: session.ev.maxPowerKW * 1000, phases: session.ev.phases, energyWantedWh: session.energyWh)
            steps.append((session.arrival, .station(.evPlugged(connectorId: session.connectorId, ev: ev))))
            // The driver badges, or starts from an app, a moment after plugging in.
            switch session.start {
            case .badge(let idTag, _) where session.arrival + Self.badgeDelay < end:
                let step = Step.station(.badgePresented(connectorId: session.connectorId, idTag: idTag))
                steps.append((session.arrival + Self.badgeDelay, step))
            case .remote(let idTag) where session.arrival + Self.appStartDelay < end:
                let step = Step.remoteStart(connectorId: session.connectorId, idTag: idTag)
                steps.append((session.arrival + Self.appStartDelay, step))
            default:
                break
            }
            if session.departure < end {
                steps.append((session.departure, .station(.evUnplugged(connectorId: session.connectorId))))
            }
        }
        for planned in plan.events where planned.at < end {
            switch profile.events[planned.event].action {
            case .powerCycle: steps.append((planned.at, .powerCycle(event: planned.event)))
            case .dropLinks(_, let how): steps.append((planned.at, .dropLink(how, event: planned.event)))
            case .linkFault(_, let fault): steps.append((planned.at, .linkFault(fault, event: planned.event)))
            case .firmwareRollout(_, let version, _): steps.append((planned.at, .firmwareRollout(version)))
            case .chargingCap(_, let limit): steps.append((planned.at, .chargingCap(limit)))
            // The whole CSMS goes down: the run's business, not one station's.
            case .restartCSMS: continue
            }
        }
        // A stable sort keeps the order above for steps due at once.
        self.steps = steps.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map { (at: $0.element.at + shift, step: $0.element.step) }
    }

    /// When the next step is due, or `nil` when the station's life holds nothing more.
    var nextTime: Int64? {
        nextIndex < steps.count ? steps[nextIndex].at : nil
    }

    /// Drops the steps due before `time`: a station that joins a running fleet starts its life there, not
    /// with every EV of the time before it at once.
    mutating func skipSteps(before time: Int64) {
        while nextIndex < steps.count, steps[nextIndex].at < time { nextIndex += 1 }
    }

    /// The next step if it is due at `now`, consumed.
    mutating func popDue(now: Int64) -> Step? {
        guard nextIndex < steps.count, steps[nextIndex].at <= now else { return nil }
        defer { nextIndex += 1 }
        return steps[nextIndex].step
    }
}
