/// A station's configuration: its model's table plus the few values this station changed.
///
/// Only overrides are stored, so an untouched station holds an empty array and no allocation.
public struct ConfigurationStore: Sendable {
    /// What ChangeConfiguration answers.
    public enum ChangeOutcome: Equatable, Sendable {
        case accepted(ConfigurationKey)
        case rejected
        case notSupported
    }

    private var overrides: [(key: ConfigurationKey, value: ConfigurationValue)] = []

    public init() {}

    /// The value in force: this station's override, or the model's default.
    public func value(_ key: ConfigurationKey, in model: StationModel) -> ConfigurationValue {
        for entry in overrides where entry.key == key {
            return entry.value
        }
        return model.defaults[key.index]
    }

    func integer(_ key: ConfigurationKey, in model: StationModel) -> Int {
        value(key, in: model).integer
    }

    func boolean(_ key: ConfigurationKey, in model: StationModel) -> Bool {
        value(key, in: model).boolean
    }

    func measurands(_ key: ConfigurationKey, in model: StationModel) -> MeasurandSet {
        if case .measurands(let set) = value(key, in: model) { return set }
        return MeasurandSet(bits: 0)
    }

    /// A value the station is given rather than asked to write (BootNotification's interval), brought into
    /// the range the key accepts; unchanged for a key without a range.
    func clamped(_ value: Int, into key: ConfigurationKey, in model: StationModel) -> Int {
        guard case .integer(let range) = model.rules[key.index].kind else { return value }
        return min(max(value, range.lowerBound), range.upperBound)
    }

    /// Whether this station changed `key` from its model's default.
    public func isOverridden(_ key: ConfigurationKey) -> Bool {
        overrides.contains { $0.key == key }
    }

    /// Applies ChangeConfiguration as the Green'Up does: unknown key `NotSupported`, read-only or
    /// refused keys `Rejected`, a value of the wrong kind or out of range `Rejected`.
    public mutating func change(name: String, to text: String, in model: StationModel) -> ChangeOutcome {
        guard let key = ConfigurationKey(name: name) else { return .notSupported }
        let rule = model.rules[key.index]
        switch rule.write {
        case .notSupported: return .notSupported
        case .rejected, .readOnly: return .rejected
        case .accepted: break
        }
        guard let value = Self.parse(text, as: rule.kind, measurands: model.measurands) else { return .rejected }
        if case .measurands(let maxLengthKey) = rule.kind, case .measurands(let set) = value,
            set.count > integer(maxLengthKey, in: model)
        {
            return .rejected
        }
        set(key, to: value, in: model)
        return .accepted(key)
    }

    /// Sets a value without the write rules (used for values the station itself decides).
    mutating func set(_ key: ConfigurationKey, to value: ConfigurationValue, in model: StationModel) {
        overrides.removeAll { $0.key == key }
        if value != model.defaults[key.index] {
            overrides.append((key, value))
        }
    }

    /// The text GetConfiguration reports for `key`.
    public func text(_ key: ConfigurationKey, in model: StationModel) -> String {
        switch value(key, in: model) {
        case .integer(let value): return String(value)
        case .boolean(let value): return value ? "true" : "false"
        case .text(let value): return value
        case .measurands(let set):
            var names: [String] = []
            for (index, spec) in model.measurands.enumerated() where set.contains(index) {
                names.append(spec.measurand)
            }
            return names.joined(separator: ",")
        }
    }

    /// Parses a value as the key's kind; nil when it does not fit.
    static func parse(_ text: String, as kind: ValueKind, measurands: [SampledValueSpec]) -> ConfigurationValue? {
        switch kind {
        case .boolean:
            switch text.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        case .integer(let range):
            guard let value = Int(text.trimmingSpaces), range.contains(value) else { return nil }
            return .integer(value)
        case .text:
            return .text(text)
        case .measurands:
            var bits: UInt32 = 0
            for name in text.split(separator: ",") {
                let trimmed = String(name).trimmingSpaces
                guard let index = measurands.firstIndex(where: { $0.measurand == trimmed }) else { return nil }
                bits |= 1 << UInt32(index)
            }
            return .measurands(MeasurandSet(bits: bits))
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
