// Glibc brings libm, which the floating-point rounding of this file links against.
import Glibc

/// The charging profiles installed on a station, and the composite limit they set.
///
/// Empty (and unallocated) on most stations; a handful of profiles at most on the others, so lookups are
/// linear scans.
public struct ChargingProfileSet: Sendable {
    /// The supply voltage between a phase and neutral, used to turn amperes into watts.
    public static let phaseVoltage = 230.0

    public private(set) var profiles: [ChargingLimitProfile] = []

    public init() {}

    /// Installs `profile`, replacing one with the same id, or with the same connector, purpose and stack
    /// level (as OCPP 1.6 says).
    public mutating func install(_ profile: ChargingLimitProfile) {
        var sorted = profile
        sorted.periods.sort { $0.startSeconds < $1.startSeconds }
        profiles.removeAll {
            $0.id == profile.id
                || ($0.connectorId == profile.connectorId && $0.purpose == profile.purpose
                    && $0.stackLevel == profile.stackLevel)
        }
        profiles.append(sorted)
    }

    /// ClearChargingProfile: by id when given (the other criteria are then ignored), else every profile
    /// matching all the criteria given. Returns how many were removed.
    public mutating func clear(
        id: Int?, connectorId: Int?, purpose: ChargingLimitProfile.Purpose?, stackLevel: Int?
    ) -> Int {
        let before = profiles.count
        if let id {
            profiles.removeAll { $0.id == id }
        } else {
            profiles.removeAll {
                (connectorId == nil || $0.connectorId == connectorId) && (purpose == nil || $0.purpose == purpose)
                    && (stackLevel == nil || $0.stackLevel == stackLevel)
            }
        }
        return before - profiles.count
    }

    /// Drops the TxProfiles of a connector whose transaction ended.
    mutating func removeTransactionProfiles(connectorId: Int) {
        if profiles.isEmpty { return }
        profiles.removeAll { $0.connectorId == connectorId && $0.purpose == .tx }
    }

    /// The limit in force on a connector at `time`, in watts for an EV drawing on `phases` phases, and when
    /// it may next change. A nil limit means no profile limits the connector.
    /// - Parameters:
    ///   - connectorId: 1 or more; 0 asks for the station-wide ChargePointMaxProfile only.
    ///   - transaction: the running transaction's id (nil until the CSMS gave one) and start, if any.
    public func limit(
        connectorId: Int, phases: Int, at time: Int64, transaction: (id: Int?, start: Int64)?
    ) -> (watts: Double?, next: Int64?) {
        let (stationMax, connectorLimit, next) = limits(
            connectorId: connectorId, phases: phases, stationPhases: phases, at: time, transaction: transaction)
        if connectorId == 0 { return (stationMax, next) }
        switch (stationMax, connectorLimit) {
        case (nil, nil): return (nil, next)
        case (let value?, nil), (nil, let value?): return (value, next)
        case (let a?, let b?): return (min(a, b), next)
        }
    }

    /// Whether a ChargePointMaxProfile is installed (in force now or not).
    var hasStationMaximum: Bool {
        profiles.contains { $0.purpose == .chargePointMax }
    }

    /// The station-wide limit (ChargePointMaxProfile, in watts over `stationPhases`) and the connector's own
    /// (TxProfile, else TxDefaultProfile, in watts over `phases`) at `time`, kept apart so that the station's
    /// can be shared between connectors; and when either may next change.
    func limits(
        connectorId: Int, phases: Int, stationPhases: Int, at time: Int64, transaction: (id: Int?, start: Int64)?
    ) -> (station: Double?, connector: Double?, next: Int64?) {
        if profiles.isEmpty { return (nil, nil, nil) }
        let relativeStart = transaction?.start ?? time
        var next: Int64?
        func resolve(_ purpose: ChargingLimitProfile.Purpose, on connectors: [Int], phases: Int) -> Double? {
            var best: (stack: Int, specific: Bool, watts: Double)?
            for profile in profiles where profile.purpose == purpose && connectors.contains(profile.connectorId) {
                if purpose == .tx, let wanted = profile.transactionId, wanted != transaction?.id { continue }
                let (period, change) = profile.limit(at: time, relativeStart: relativeStart)
                if let change, change < (next ?? .max) { next = change }
                guard let period else { continue }
                let specific = profile.connectorId != 0
                if let current = best,
                    current.stack > profile.stackLevel || (current.stack == profile.stackLevel && current.specific)
                {
                    continue
                }
                best = (profile.stackLevel, specific, Self.watts(period, unit: profile.unit, phases: phases))
            }
            return best?.watts
        }
        let stationMax = resolve(.chargePointMax, on: [0], phases: stationPhases)
        if connectorId == 0 { return (stationMax, nil, next) }
        let txLimit = transaction == nil ? nil : resolve(.tx, on: [connectorId], phases: phases)
        let defaultLimit = resolve(.txDefault, on: [0, connectorId], phases: phases)
        return (stationMax, txLimit ?? defaultLimit, next)
    }

    /// GetCompositeSchedule: the limit over `[start, start + duration)` as periods relative to `start`,
    /// in the unit asked. Where no profile limits the connector, `hardwareWatts` stands in.
    public func composite(
        connectorId: Int, phases: Int, from start: Int64, durationSeconds: Int, unit: ChargingLimitProfile.Unit,
        transaction: (id: Int?, start: Int64)?, hardwareWatts: Double, maxPeriods: Int
    ) -> [ChargingLimitProfile.Period] {
        let end = start.saturatingAdd(.milliseconds(seconds: durationSeconds))
        var result: [ChargingLimitProfile.Period] = []
        var time = start
        while time < end, result.count < maxPeriods {
            let (watts, next) = limit(connectorId: connectorId, phases: phases, at: time, transaction: transaction)
            let value = Self.express(watts ?? hardwareWatts, unit: unit, phases: phases)
            if result.last?.limit != value {
                let offset = Int(time.saturatingSubtract(start) / 1000)
                result.append(.init(startSeconds: offset, limit: value, phases: unit == .amperes ? phases : nil))
            }
            guard let next, next > time else { break }
            time = next
        }
        return result
    }

    /// A period's limit in watts, never infinite: a limit of 1e308 A is huge, not unbounded arithmetic.
    static func watts(_ period: ChargingLimitProfile.Period, unit: ChargingLimitProfile.Unit, phases: Int) -> Double {
        let watts: Double
        switch unit {
        case .watts: watts = period.limit
        case .amperes: watts = period.limit * phaseVoltage * Double(max(1, min(phases, period.phases ?? 3)))
        }
        return min(max(watts, -.greatestFiniteMagnitude), .greatestFiniteMagnitude)
    }

    /// A limit in the unit a CSMS asked for, to one decimal as OCPP's `multipleOf 0.1` wants.
    static func express(_ watts: Double, unit: ChargingLimitProfile.Unit, phases: Int) -> Double {
        let value: Double
        switch unit {
        case .watts: value = watts
        case .amperes: value = watts / (phaseVoltage * Double(phases))
        }
        // Past 1e15 every double is a whole number, and ten times it could overflow to infinity.
        guard value.magnitude < 1e15 else { return value }
        return (value * 10).rounded(.down) / 10
    }
}
