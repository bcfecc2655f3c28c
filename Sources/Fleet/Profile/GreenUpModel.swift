/// A Green'Up reference, as profiles name it: how many charging points the station has.
public enum GreenUpModel: String, Sendable, Equatable, CaseIterable {
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
