import CSMS

extension BadgeNaming {
    /// The badges a CSMS knows for `station`'s drivers: its app account and its pools of valid, expired
    /// (a day before `start`) and blocked badges. Unknown badges are on no list.
    static func knownBadges(station: Int, start: Int64) -> [Badge] {
        var badges = [Badge.valid(remoteIdTag(station: station))]
        badges.reserveCapacity(1 + 3 * poolSize)
        for number in 0..<poolSize {
            badges.append(.valid(idTag(station: station, kind: .valid, number: number)))
            badges.append(.expired(idTag(station: station, kind: .expired, number: number), expiryDate: start - 86_400_000))
            badges.append(.blocked(idTag(station: station, kind: .blocked, number: number)))
        }
        return badges
    }
}
