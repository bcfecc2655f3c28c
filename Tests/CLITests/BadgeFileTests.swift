import CSMS
import Foundation
import OCPP
import Testing

@testable import CLI

@Suite struct BadgeFileTests {
    func load(_ json: String) throws(UsageError) -> [Badge] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("badges-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try? Data(json.utf8).write(to: file)
        return try BadgeFile.load(file.path)
    }

    @Test func eachListGivesItsStatus() throws {
        let badges = try load(#"{"accepted": ["A"], "blocked": ["B"], "expired": ["E"], "invalid": ["I"]}"#)
        let statuses = Dictionary(uniqueKeysWithValues: badges.map { ($0.idTag, $0.status.rawValue) })
        #expect(statuses == ["A": "Accepted", "B": "Blocked", "E": "Expired", "I": "Invalid"])
    }

    @Test func everyListIsOptional() throws {
        #expect(try load("{}").isEmpty)
    }

    @Test func anUnknownListIsRefusedWithTheKnownOnes() {
        let error = #expect(throws: UsageError.self) { try load(#"{"acepted": ["A"]}"#) }
        #expect(error?.message.contains("at $.acepted: expected one of accepted, blocked, expired, invalid") == true)
    }

    @Test func anIdTagOnTwoListsIsRefused() {
        let error = #expect(throws: UsageError.self) { try load(#"{"accepted": ["A"], "blocked": ["A"]}"#) }
        #expect(error?.message.contains("at $.blocked[0]") == true)
    }

    @Test func anIdTagLongerThanTwentyCharactersIsRefused() {
        let error = #expect(throws: UsageError.self) { try load(#"{"accepted": ["ABCDEFGHIJKLMNOPQRSTU"]}"#) }
        #expect(error?.message.contains("at $.accepted[0]: expected an idTag") == true)
    }

    @Test func aListGivenTwiceIsRefused() {
        let error = #expect(throws: UsageError.self) { try load(#"{"accepted": ["A"], "accepted": ["B"]}"#) }
        #expect(error?.message.contains("at $.accepted: expected each list once") == true)
    }

    @Test func aSyntaxErrorSaysWhereItIs() {
        let error = #expect(throws: UsageError.self) { try load("{\n  \"accepted\": [\"A\" \"B\"]\n}") }
        #expect(error?.message.contains("(line 2, column 20: expected ',' or ']', found '\"')") == true)
    }

    @Test func aFileThatIsNotJSONIsRefusedAtItsRoot() {
        let error = #expect(throws: UsageError.self) { try load("accepted: A") }
        #expect(error?.message.contains("at $: expected a JSON document") == true)
    }
}
