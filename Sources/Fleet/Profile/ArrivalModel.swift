/// When EVs arrive at a charging point.
public enum ArrivalModel: Sendable, Equatable {
    /// A Poisson process whose rate (arrivals per charging point per hour) depends on the local hour of
    /// day: 24 rates, the same every day.
    case hourly([Double])
    /// The same over a week: 7 days (Monday first) of 24 rates.
    case weekly([[Double]])
    /// A Poisson process of constant rate, in arrivals per charging point per hour.
    case poisson(perHour: Double)
    /// Exactly these arrivals, and no other.
    case explicit([ExplicitArrival])

    /// The rate, in arrivals per charging point per hour, at local hour `hour` of weekday `weekday`
    /// (0 is Monday); `nil` for explicit arrivals.
    public func rate(weekday: Int, hour: Int) -> Double? {
        switch self {
        case .hourly(let rates): rates[hour]
        case .weekly(let days): days[weekday][hour]
        case .poisson(let perHour): perHour
        case .explicit: nil
        }
    }
}

/// One arrival of an explicit list.
public struct ExplicitArrival: Sendable, Equatable {
    /// When, in milliseconds after the start of the profile.
    public var at: Int64
    /// The station's number (1-based, as in its identifier); `nil` for every station.
    public var station: Int?
    /// The charging point (1 or 2) on a 2 VE station; `nil` for the first free one.
    public var chargingPoint: Int?
}
