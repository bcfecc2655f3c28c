/// The badges drivers present, by what the CSMS will say of them. Shares sum to 1.
public struct BadgeMix: Sendable, Equatable {
    /// Known and allowed.
    public var valid: Double
    /// Not known to the CSMS (`Invalid`).
    public var unknown: Double
    /// Known but past its expiry date (`Expired`).
    public var expired: Double
    /// Known and refused (`Blocked`).
    public var blocked: Double

    /// Every badge valid.
    public static let allValid = BadgeMix(valid: 1, unknown: 0, expired: 0, blocked: 0)

    /// The shares in the order of ``BadgeKind/allCases``.
    var shares: [Double] { [valid, unknown, expired, blocked] }
}

/// What the CSMS will say of a badge.
public enum BadgeKind: String, Sendable, Equatable, CaseIterable {
    /// Accepted.
    case valid
    /// On no list: `Invalid`.
    case unknown
    /// Past its expiry date: `Expired`.
    case expired
    /// Refused: `Blocked`.
    case blocked
}
