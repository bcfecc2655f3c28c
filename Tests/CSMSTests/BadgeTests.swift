import CSMS
import OCPP
import Testing

@Suite struct BadgeTests {
    static let now: Int64 = 1_700_000_000_000
    static let badges = BadgeList([
        .valid("VALID", expiryDate: now + 86_400_000, parentIdTag: "FLEET"),
        .expired("EXPIRED", expiryDate: now - 1000),
        .blocked("BLOCKED", parentIdTag: "FLEET"),
        .valid("LAPSED", expiryDate: now - 1),
    ])

    func authorize(_ idTag: String, badges: BadgeList = badges) throws -> IdTagInfo {
        var harness = CSMSHarness(CSMSConfiguration(badges: badges))
        harness.now = Self.now
        let station = harness.connect()
        return try harness.result(AuthorizeRequest(idTag: idTag), from: station).idTagInfo
    }

    @Test func aValidBadgeIsAcceptedWithItsExpiryAndParent() throws {
        let info = try authorize("VALID")
        #expect(info.status == .accepted)
        #expect(info.expiryDate?.millisecondsSinceEpoch == Self.now + 86_400_000)
        #expect(info.parentIdTag == "FLEET")
    }

    @Test func anUnknownBadgeIsInvalid() throws {
        let info = try authorize("NOBODY")
        #expect(info == IdTagInfo(status: .invalid))
    }

    @Test func anExpiredBadgeIsExpiredWithItsExpiryDate() throws {
        let info = try authorize("EXPIRED")
        #expect(info.status == .expired)
        #expect(info.expiryDate?.millisecondsSinceEpoch == Self.now - 1000)
    }

    @Test func aValidBadgePastItsExpiryDateIsExpired() throws {
        #expect(try authorize("LAPSED").status == .expired)
    }

    @Test func aBlockedBadgeIsBlocked() throws {
        let info = try authorize("BLOCKED")
        #expect(info.status == .blocked)
        #expect(info.parentIdTag == "FLEET")
    }

    @Test func unknownBadgesCanBeAcceptedWhenConfiguredSo() throws {
        #expect(try authorize("NOBODY", badges: BadgeList(unknownStatus: .accepted)).status == .accepted)
    }

    @Test func aRuleKnowsBadgesBeyondTheList() throws {
        let badges = BadgeList([.valid("LISTED")], rule: { idTag in idTag.hasPrefix("B-") ? .blocked(idTag) : nil })
        #expect(try authorize("B-17", badges: badges).status == .blocked)
        #expect(try authorize("LISTED", badges: badges).status == .accepted)
        #expect(try authorize("C-17", badges: badges).status == .invalid)
    }

    @Test func theListWinsOverTheRule() throws {
        let badges = BadgeList([.valid("B-1")], rule: { idTag in .blocked(idTag) })
        #expect(try authorize("B-1", badges: badges).status == .accepted)
    }

    @Test func startTransactionChecksTheBadgeToo() throws {
        var harness = CSMSHarness(CSMSConfiguration(badges: Self.badges))
        harness.now = Self.now
        let station = harness.connect()
        let answer = try harness.result(
            StartTransactionRequest(
                connectorId: 1, idTag: "EXPIRED", meterStart: 0, timestamp: OCPPDateTime(millisecondsSinceEpoch: Self.now)),
            from: station)
        #expect(answer.idTagInfo.status == .expired)
    }
}
