/// How a key answers ChangeConfiguration, from the guide's "write" column.
public enum WriteRule: Sendable {
    /// Written when the value is valid (else `Rejected`).
    case accepted
    /// Readable, writable in principle, but the Green'Up refuses every change.
    case rejected
    /// `NotSupported`, as the guide says of ConnectorPhaseRotation.
    case notSupported
    /// N.A. in the guide: read-only, a change is `Rejected`.
    case readOnly
}

/// What a value of a key may be.
public enum ValueKind: Sendable {
    case boolean
    case integer(ClosedRange<Int>)
    /// A measurand list, checked against the model's sampled values and the length the key names.
    case measurands(maxLength: ConfigurationKey)
    case text
}

/// One line of a model's configuration table: the rule, the kind of value and the default (as the guide
/// writes it).
public struct ConfigurationRule: Sendable {
    public let key: ConfigurationKey
    public let write: WriteRule
    public let kind: ValueKind
    public let defaultText: String

    public init(_ key: ConfigurationKey, _ write: WriteRule, _ kind: ValueKind, _ defaultText: String) {
        self.key = key
        self.write = write
        self.kind = kind
        self.defaultText = defaultText
    }

    /// GetConfiguration's `readonly` flag: only N.A. keys are read-only.
    public var isReadOnly: Bool {
        if case .readOnly = write { return true }
        return false
    }
}
