/// A Green'Up station reference, as far as the fleet cares: how many charging points it has.
public enum StationModel: String, Sendable, Equatable, CaseIterable {
    /// One charging point: connectors 1 (T2S) and 2 (domestic socket).
    case oneEV = "1VE"
    /// Two charging points: connectors 1 and 2 on the right, 3 and 4 on the left.
    case twoEV = "2VE"

    /// How many EVs can charge at once.
    public var chargingPoints: Int {
        switch self {
        case .oneEV: 1
        case .twoEV: 2
        }
    }
}
