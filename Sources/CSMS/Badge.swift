public import OCPP

/// A badge (an OCPP `idTag`) the CSMS knows, and what it says about it.
public struct Badge: Sendable, Hashable {
    /// The identifier the station sends, at most 20 characters.
    public var idTag: String
    /// The status given for it: ``OCPP/AuthorizationStatus/accepted`` turns into
    /// ``OCPP/AuthorizationStatus/expired`` once ``expiryDate`` has passed.
    public var status: AuthorizationStatus
    /// When the badge stops being valid, in milliseconds since the Unix epoch; sent as `expiryDate`.
    public var expiryDate: Int64?
    /// The group badge it belongs to; sent as `parentIdTag`.
    public var parentIdTag: String?

    /// - Parameters:
    ///   - idTag: the identifier, at most 20 characters.
    ///   - status: its status.
    ///   - expiryDate: milliseconds since the Unix epoch, or nil for a badge that never expires.
    ///   - parentIdTag: its group badge, if any.
    public init(idTag: String, status: AuthorizationStatus, expiryDate: Int64? = nil, parentIdTag: String? = nil) {
        self.idTag = idTag
        self.status = status
        self.expiryDate = expiryDate
        self.parentIdTag = parentIdTag
    }

    /// A badge accepted until `expiryDate` (or for ever).
    public static func valid(_ idTag: String, expiryDate: Int64? = nil, parentIdTag: String? = nil) -> Badge {
        Badge(idTag: idTag, status: .accepted, expiryDate: expiryDate, parentIdTag: parentIdTag)
    }

    /// A badge that expired at `expiryDate`.
    public static func expired(_ idTag: String, expiryDate: Int64, parentIdTag: String? = nil) -> Badge {
        Badge(idTag: idTag, status: .expired, expiryDate: expiryDate, parentIdTag: parentIdTag)
    }

    /// A blocked badge.
    public static func blocked(_ idTag: String, parentIdTag: String? = nil) -> Badge {
        Badge(idTag: idTag, status: .blocked, parentIdTag: parentIdTag)
    }

    /// What the CSMS answers about this badge at `now`.
    func idTagInfo(now: Int64) -> IdTagInfo {
        var answered = status
        if answered == .accepted, let expiryDate, expiryDate <= now { answered = .expired }
        return IdTagInfo(
            expiryDate: expiryDate.map { OCPPDateTime(millisecondsSinceEpoch: $0) },
            parentIdTag: parentIdTag,
            status: answered)
    }
}
