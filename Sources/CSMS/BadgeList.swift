public import OCPP

/// The badges the CSMS checks Authorize, StartTransaction and StopTransaction against.
public struct BadgeList: Sendable {
    private var badges: [String: Badge]
    /// The status of a badge not on the list: ``OCPP/AuthorizationStatus/invalid`` as OCPP 1.6 says,
    /// or ``OCPP/AuthorizationStatus/accepted`` for a CSMS that lets every badge charge.
    public var unknownStatus: AuthorizationStatus
    /// Knows the badges that follow a naming scheme, so that a list need not hold every badge of a fleet
    /// of any size: asked about an idTag not on the list, before ``unknownStatus`` applies.
    private let rule: (@Sendable (String) -> Badge?)?

    /// - Parameters:
    ///   - badges: the known badges; a later badge with the same `idTag` replaces an earlier one.
    ///   - unknownStatus: what a badge neither on the list nor known to `rule` gets.
    ///   - rule: the badge an idTag not on the list names, or nil when it names none (a naming scheme,
    ///     such as the badges of `ocpp-fleet`'s profiles).
    public init(
        _ badges: [Badge] = [], unknownStatus: AuthorizationStatus = .invalid,
        rule: (@Sendable (String) -> Badge?)? = nil
    ) {
        self.badges = Dictionary(badges.map { ($0.idTag, $0) }, uniquingKeysWith: { _, later in later })
        self.unknownStatus = unknownStatus
        self.rule = rule
    }

    /// The badge known under `idTag`, if any: on the list, else by the rule.
    public subscript(idTag: String) -> Badge? {
        get { badges[idTag] ?? rule?(idTag) }
        set { badges[idTag] = newValue }
    }

    /// The number of badges on the list (those known by the rule are not counted).
    public var count: Int { badges.count }

    /// Whether a rule knows badges beyond the list.
    public var hasRule: Bool { rule != nil }

    /// What the CSMS answers about `idTag` at `now` (milliseconds since the Unix epoch).
    public func idTagInfo(for idTag: String, now: Int64) -> IdTagInfo {
        self[idTag]?.idTagInfo(now: now) ?? IdTagInfo(status: unknownStatus)
    }
}
