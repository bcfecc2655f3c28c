// Glibc brings libm, which the floating-point rounding of this file links against.
import Glibc

/// The meter of one connector and the EV drawing from it: power is constant between two events, energy is
/// its integral, so the register never decreases.
struct EnergyMeter: Sendable {
    /// Energy delivered by the connector since the station was built, in Wh.
    private(set) var registerWh: Double = 0
    /// Energy the plugged EV has taken since it was plugged in, in Wh.
    private(set) var deliveredToEVWh: Double = 0
    /// What the EV draws now, in watts.
    private(set) var powerW: Double = 0
    /// How many phases the EV draws on now.
    private(set) var phases: Int = 1
    private var updatedAt: Int64 = 0

    /// Integrates the power in force up to `now`.
    mutating func advance(to now: Int64) {
        if now > updatedAt, powerW > 0 {
            let energy = powerW * Double(now - updatedAt) / 3_600_000
            registerWh += energy
            deliveredToEVWh += energy
        }
        updatedAt = max(updatedAt, now)
    }

    mutating func evPlugged(at now: Int64) {
        advance(to: now)
        deliveredToEVWh = 0
    }

    /// Sets the power from what the EV wants and the cap in force, after integrating up to `now`.
    /// - Returns: when the EV will change what it draws on its own (taper, full), or nil.
    @discardableResult
    mutating func draw(ev: EVCharacteristics?, capW: Double, phases: Int, at now: Int64) -> Int64? {
        advance(to: now)
        self.phases = phases
        guard let ev else {
            powerW = 0
            return nil
        }
        let (wanted, threshold) = demand(of: ev)
        powerW = max(0, min(wanted, capW))
        guard let threshold, powerW > 0 else { return nil }
        let milliseconds = ((threshold - deliveredToEVWh) * 3_600_000 / powerW).rounded(.up)
        return now.saturatingAdd(max(1, Int64(saturating: milliseconds)))
    }

    /// What the EV would draw now without a cap, in watts, and the energy delivered at which that changes.
    func demand(of ev: EVCharacteristics) -> (watts: Double, untilWh: Double?) {
        let taperAt = ev.energyWantedWh * EVCharacteristics.taperShare
        // A tolerance of a microwatt-hour keeps rounding from leaving the EV a hair short of full.
        let epsilon = 1e-6
        if deliveredToEVWh + epsilon >= ev.energyWantedWh { return (0, nil) }
        if deliveredToEVWh + epsilon >= taperAt { return (ev.maxPowerW * EVCharacteristics.taperFactor, ev.energyWantedWh) }
        return (ev.maxPowerW, taperAt)
    }

    /// Stops the draw (transaction over, EV gone), after integrating up to `now`.
    mutating func stop(at now: Int64) {
        advance(to: now)
        powerW = 0
    }

    /// Whether the EV has all it wanted.
    func isFull(_ ev: EVCharacteristics) -> Bool {
        deliveredToEVWh + 1e-6 >= ev.energyWantedWh
    }
}
