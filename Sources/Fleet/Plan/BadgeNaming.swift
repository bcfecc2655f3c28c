/// The idTags of a station's drivers, and which of them the CSMS knows.
///
/// Each station has a small pool of badges per kind, named after the station number, so that a CSMS's
/// badge list grows with the fleet and not with the number of sessions, and so that a shard knows its own.
public enum BadgeNaming {
    /// How many badges of each kind a station's drivers share.
    public static let poolSize = 4

    /// The idTag of badge `number` (0 ..< ``poolSize``) of `kind` at the station at `station` (0-based):
    /// `T`, the station number on 7 digits, a letter for the kind, the badge number (`T0000001V0`).
    public static func idTag(station: Int, kind: BadgeKind, number: Int) -> String {
        let letter: String
        switch kind {
        case .valid: letter = "V"
        case .unknown: letter = "U"
        case .expired: letter = "E"
        case .blocked: letter = "B"
        }
        return "T" + padded(station + 1) + letter + String(number)
    }

    /// The idTag the CSMS uses to start a session remotely at the station at `station` (0-based): the
    /// driver's app account, always valid (`R0000001`).
    public static func remoteIdTag(station: Int) -> String {
        "R" + padded(station + 1)
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }
}
