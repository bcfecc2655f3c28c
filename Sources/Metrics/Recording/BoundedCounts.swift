/// Counts by name (CallError codes, connection failure reasons) with a cap on how many names it keeps.
///
/// The names come from the other side of a socket, so a misbehaving CSMS could otherwise grow the table,
/// the report and the Prometheus label set without bound: past ``limit`` names, new ones count as
/// ``otherName``.
public struct BoundedCounts: Sendable, Equatable {
    /// The name that stands for every name past the cap.
    public static let otherName = "other"
    /// How many distinct names are kept, not counting ``otherName``.
    public static let limit = 16

    /// The counts by name.
    public private(set) var counts: [String: UInt64] = [:]

    /// Makes an empty table.
    public init() {}

    /// The sum of every count.
    public var total: UInt64 { counts.values.reduce(0, &+) }

    /// The names in a stable order (by name), with their counts.
    public var sorted: [(name: String, count: UInt64)] {
        counts.sorted { $0.key < $1.key }.map { (name: $0.key, count: $0.value) }
    }

    /// Adds `count` to `name`, or to ``otherName`` when the table is full.
    public mutating func add(_ name: String, count: UInt64 = 1) {
        if let existing = counts.index(forKey: name) {
            counts.values[existing] &+= count
        } else if counts.count < Self.limit || name == Self.otherName {
            counts[name] = count
        } else {
            counts[Self.otherName, default: 0] &+= count
        }
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: BoundedCounts) {
        for (name, count) in other.counts { add(name, count: count) }
    }
}
