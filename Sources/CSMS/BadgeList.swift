public import OCPP

/// The badges the CSMS checks Authorize, StartTransaction and StopTransaction against.
public struct BadgeList: Sendable {
    private var badges: [String: Badge]
    /// The status of a badge not on the list: ``OCPP/AuthorizationStatus/invalid`` as OCPP 1.6 says,
    /// or ``OCPP/AuthorizationStatus/accepted`` for a CSMS that lets every badge charge.
    public var unknownStatus: AuthorizationStatus

    /// - Parameters:
    ///   - badges: the known badges; a later badge with the same `idTag` replaces an earlier one.
    ///   - unknownStatus: what a badge not on the list gets.
    public init(_ badges: [Badge] = [], unknownStatus: AuthorizationStatus = .invalid) {
        self.badges = Dictionary(badges.map { ($0.idTag, $0) }, uniquingKeysWith: { _, later in later })
        self.unknownStatus = unknownStatus
    }

    /// The badge known under `idTag`, if any.
    public subscript(idTag: String) -> Badge? {
        get { badges[idTag] }
        set { badges[idTag] = newValue }
    }

    /// The number of known badges.
    public var count: Int { badges.count }

    /// What the CSMS answers about `idTag` at `now` (milliseconds since the Unix epoch).
    public func idTagInfo(for idTag: String, now: Int64) -> IdTagInfo {
        badges[idTag]?.idTagInfo(now: now) ?? IdTagInfo(status: unknownStatus)
    }
}
