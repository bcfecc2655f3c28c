import CSMS
import Testing

@testable import Fleet

@Suite struct BadgeNamingLookupTests {
    static let start: Int64 = 1_767_600_000_000

    @Test(arguments: [0, 1, 41, 9_999_998])
    func findsEveryBadgeAStationsDriversUseFromItsIdTagAlone(station: Int) {
        for badge in BadgeNaming.knownBadges(station: station, start: Self.start) {
            #expect(BadgeNaming.knownBadge(idTag: badge.idTag, start: Self.start) == badge)
        }
    }

    @Test func knowsNoUnknownBadge() {
        for number in 0..<BadgeNaming.poolSize {
            let idTag = BadgeNaming.idTag(station: 7, kind: .unknown, number: number)
            #expect(BadgeNaming.knownBadge(idTag: idTag, start: Self.start) == nil)
        }
    }

    @Test(arguments: ["", "T", "T0000001", "T0000000V0", "T0000001V9", "T0000001V", "T000000xV0", "R00000x1",
                      "R0000001X", "T0000001V00", "VALID", "T0000001X0"])
    func knowsNoIdTagOutsideTheNaming(idTag: String) {
        #expect(BadgeNaming.knownBadge(idTag: idTag, start: Self.start) == nil)
    }
}
