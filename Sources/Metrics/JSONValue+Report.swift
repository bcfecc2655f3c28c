import JSON

extension JSONValue {
    /// A number with at most three decimals (microsecond precision for milliseconds).
    static func rounded(_ value: Double) -> JSONValue {
        .number((value * 1000).rounded() / 1000)
    }

    /// Counts by name, sorted by name.
    static func counts(_ counts: [String: UInt64]) -> JSONValue {
        .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })
    }
}
