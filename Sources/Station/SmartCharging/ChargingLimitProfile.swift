/// A charging profile as the station keeps it: times as milliseconds since the epoch, limits as numbers,
/// so that the schedule maths never touch a date string.
public struct ChargingLimitProfile: Equatable, Sendable {
    public enum Purpose: Sendable {
        case chargePointMax
        case txDefault
        case tx
    }

    public enum Kind: Equatable, Sendable {
        case absolute
        case relative
        /// Repeats every day or every week from its start.
        case recurring(periodMs: Int64)

        public static let daily = Kind.recurring(periodMs: 86_400_000)
        public static let weekly = Kind.recurring(periodMs: 604_800_000)
    }

    public enum Unit: Sendable {
        case amperes
        case watts
    }

    public struct Period: Equatable, Sendable {
        public var startSeconds: Int
        public var limit: Double
        public var phases: Int?
    }

    public var id: Int
    public var connectorId: Int
    public var transactionId: Int?
    public var stackLevel: Int
    public var purpose: Purpose
    public var kind: Kind
    public var validFrom: Int64?
    public var validTo: Int64?
    /// When the schedule starts (Absolute, Recurring); for an absolute profile without one, when it was set.
    public var startSchedule: Int64?
    public var durationSeconds: Int?
    public var unit: Unit
    public var periods: [Period]
    public var minChargingRate: Double?

    /// The limit this profile sets at `time`, with the moment it may next change; nil limit when the
    /// profile is not in force then.
    /// - Parameter relativeStart: where a Relative schedule starts (the transaction's start).
    func limit(at time: Int64, relativeStart: Int64) -> (limit: Period?, next: Int64?) {
        var next: Int64?
        func consider(_ candidate: Int64) {
            if candidate > time, candidate < (next ?? .max) { next = candidate }
        }
        if let validFrom { consider(validFrom) }
        if let validTo { consider(validTo) }
        if let validFrom, time < validFrom { return (nil, next) }
        if let validTo, time >= validTo { return (nil, next) }

        var start: Int64
        switch kind {
        case .absolute:
            start = startSchedule ?? validFrom ?? time
        case .relative:
            start = relativeStart
        case .recurring(let periodMs):
            let base = startSchedule ?? validFrom ?? 0
            let cycles = time.saturatingSubtract(base).floorDivided(by: max(1, periodMs))
            start = base.saturatingAdd(cycles.saturatingMultiply(periodMs))
            consider(start.saturatingAdd(periodMs))
        }
        if time < start {
            consider(start)
            return (nil, next)
        }
        let offset = time.saturatingSubtract(start)
        if let durationSeconds {
            let end = start.saturatingAdd(.milliseconds(seconds: durationSeconds))
            consider(end)
            if time >= end { return (nil, next) }
        }
        var current: Period?
        for period in periods {
            let periodOffset = Int64.milliseconds(seconds: period.startSeconds)
            if periodOffset <= offset {
                current = period
            } else {
                consider(start.saturatingAdd(periodOffset))
                break
            }
        }
        return (current, next)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
