public import CSMS

extension BadgeNaming {
    /// The badge `idTag` names when it is one a CSMS knows for some station's drivers, whatever the fleet's
    /// size: what ``knownBadges(station:start:)`` lists, found from the idTag alone. For a CSMS in another
    /// process (`ocpp-fleet csms`), which cannot know how many stations will come.
    /// - Parameters:
    ///   - idTag: the idTag a station sent.
    ///   - start: milliseconds since the Unix epoch; expired badges expired a day before it.
    /// - Returns: the badge, or nil for an idTag of no known badge (unknown badges included).
    public static func knownBadge(idTag: String, start: Int64) -> Badge? {
        let characters = Array(idTag.utf8)
        guard characters.count >= 8, let station = stationIndex(characters[1..<8]) else { return nil }
        if characters.count == 8 { return remoteIdTag(station: station) == idTag ? .valid(idTag) : nil }
        guard let number = Int(String(decoding: characters[9...], as: UTF8.self)), (0..<poolSize).contains(number)
        else { return nil }
        if idTag == self.idTag(station: station, kind: .valid, number: number) { return .valid(idTag) }
        if idTag == self.idTag(station: station, kind: .expired, number: number) {
            return .expired(idTag, expiryDate: start - 86_400_000)
        }
        if idTag == self.idTag(station: station, kind: .blocked, number: number) { return .blocked(idTag) }
        return nil
    }

    /// The station index of seven ASCII digits (the station number from 1), or nil.
    private static func stationIndex(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let number = Int(String(decoding: digits, as: UTF8.self)), number >= 1
        else { return nil }
        return number - 1
    }
}
