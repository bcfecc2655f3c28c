/// A configuration value, typed once when written so that the station never parses a string on its
/// hot path (a heartbeat reads `HeartbeatInterval` as an `Int`).
public enum ConfigurationValue: Equatable, Sendable {
    case integer(Int)
    case boolean(Bool)
    case text(String)
    /// A comma-separated list of measurands, as a bit set over the model's ``StationModel/measurands``.
    case measurands(MeasurandSet)

    var integer: Int {
        if case .integer(let value) = self { return value }
        return 0
    }

    var boolean: Bool {
        if case .boolean(let value) = self { return value }
        return false
    }
}

/// A subset of a model's sampled values, as a bit set over ``StationModel/measurands``.
public struct MeasurandSet: Equatable, Sendable {
    public var bits: UInt32

    public init(bits: UInt32) {
        self.bits = bits
    }

    public func contains(_ index: Int) -> Bool {
        bits & (1 << UInt32(index)) != 0
    }

    public var count: Int { bits.nonzeroBitCount }
}
