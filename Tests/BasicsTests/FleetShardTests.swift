import Basics
import Testing

@Suite struct FleetShardTests {
    @Test func textCountsFromOneAndTheIndexFromZero() {
        #expect(FleetShard("2/4") == FleetShard(index: 1, count: 4))
        #expect(FleetShard("1/1") == .whole)
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "-1/4", "a/b", "1", "1/2/3", "/4", "2/", ""])
    func textThatNamesNoShardIsRefused(text: String) {
        #expect(FleetShard(text) == nil)
    }

    @Test func theDescriptionIsTheTextItWasReadFrom() {
        #expect(FleetShard(index: 2, count: 7).description == "3/7")
        #expect(FleetShard("3/7")?.description == "3/7")
    }

    @Test func theWholeFleetIsOnePart() {
        #expect(FleetShard.whole.stations(ofFleetOf: 1_000) == 0..<1_000)
    }

    @Test func thePartsCoverTheFleetInOrderWithoutOverlap() {
        let parts = (0..<7).map { FleetShard(index: $0, count: 7).stations(ofFleetOf: 1_000) }
        #expect(parts.first?.lowerBound == 0)
        #expect(parts.last?.upperBound == 1_000)
        #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }

    @Test func partSizesDifferByAtMostOne() {
        let sizes = (0..<3).map { FleetShard(index: $0, count: 3).stations(ofFleetOf: 10).count }
        #expect(sizes == [3, 3, 4])
    }

    @Test func moreShardsThanStationsLeavesSomeEmpty() {
        let sizes = (0..<4).map { FleetShard(index: $0, count: 4).stations(ofFleetOf: 2).count }
        #expect(sizes.reduce(0, +) == 2)
        #expect(sizes.filter { $0 == 0 }.count == 2)
    }
}
