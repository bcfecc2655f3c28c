import Basics
import Testing

@testable import Metrics

@Suite struct TimelineTests {
    /// A second with figures that differ from one second to the next.
    static func second(_ second: Int, seed: UInt64 = 1) -> TimelinePoint {
        var generator = SplitMix64(seed: seed &+ UInt64(second))
        let p50 = generator.next() % 5_000
        let sent = generator.next() % 100
        return TimelinePoint(
            second: second, sent: sent, answered: sent / 2, callErrors: generator.next() % 3,
            timeouts: generator.next() % 2, connectFailures: generator.next() % 2, connected: generator.next() % 50,
            latencyP50: p50, latencyP90: p50 * 2, latencyP99: p50 * 3, latencyMax: p50 * 4)
    }

    static func timeline(seconds: Range<Int>, capacity: Int) -> Timeline {
        var timeline = Timeline(capacity: capacity)
        for second in seconds { timeline.append(Self.second(second)) }
        return timeline
    }

    @Test func aRunThatFitsKeepsOnePointPerSecond() {
        let timeline = Self.timeline(seconds: 0..<100, capacity: 100)
        #expect(timeline.grain == 1)
        #expect(timeline.map(\.second) == Array(0..<100))
        #expect(timeline.allSatisfy { $0.seconds == 1 })
    }

    @Test func aRunOfAnHourKeepsEverySecondWithTheSecondItEndsIn() {
        let timeline = Self.timeline(seconds: 0..<3_601, capacity: Timeline.defaultCapacity)
        #expect(timeline.grain == 1)
        #expect(timeline.count == 3_601)
    }

    @Test func aFullTimelineMergesItsPointsIntoTheNextGrain() {
        let timeline = Self.timeline(seconds: 0..<101, capacity: 100)
        #expect(timeline.grain == 2)
        #expect(timeline.map(\.second) == Array(stride(from: 0, through: 100, by: 2)))
        #expect(timeline.map(\.seconds) == Array(repeating: 2, count: 50) + [1])
        #expect(timeline.map(\.sent).reduce(0, +) == (0..<101).map { Self.second($0).sent }.reduce(0, +))
    }

    @Test func aLongerPointAddsCountsKeepsTheHighestLatenciesAndTheLastLinkCount() throws {
        var timeline = Timeline(grain: 10, points: [])
        let seconds = (20..<30).map { Self.second($0) }
        for second in seconds { timeline.append(second) }
        let point = try #require(timeline.points.first)
        #expect(timeline.count == 1)
        #expect(point.second == 20)
        #expect(point.seconds == 10)
        #expect(point.sent == seconds.map(\.sent).reduce(0, +))
        #expect(point.peakSent == seconds.map(\.sent).max())
        #expect(point.timeouts == seconds.map(\.timeouts).reduce(0, +))
        #expect(point.connected == seconds.last?.connected)
        #expect(point.latencyP50 == seconds.map(\.latencyP50).max())
        #expect(point.latencyP99 == seconds.map(\.latencyP99).max())
        #expect(point.latencyMax == seconds.map(\.latencyMax).max())
    }

    @Test func coarseningAsTheRunGoesGivesWhatCoarseningAtTheEndGives() {
        let bounded = Self.timeline(seconds: 0..<5_000, capacity: 100)
        let whole = Self.timeline(seconds: 0..<5_000, capacity: 5_000)
        #expect(whole.grain == 1)
        #expect(bounded.grain == 60)
        #expect(bounded.count <= 100)
        #expect(bounded.points == whole.coarsened(toGrain: bounded.grain).points)
    }

    @Test func everyGrainIsAMultipleOfTheOneBefore() {
        var grain = 1
        for _ in 0..<20 {
            let next = Timeline.grain(after: grain)
            #expect(next > grain)
            #expect(next % grain == 0)
            grain = next
        }
    }

    @Test func aGrainIsOneOfTheListOrADoublingPastIt() {
        #expect(Timeline.grains.allSatisfy(Timeline.isGrain))
        #expect(Timeline.isGrain(4 * 86_400))
        #expect(!Timeline.isGrain(7))
        #expect(!Timeline.isGrain(3 * 86_400))
    }

    @Test func pointsFarApartStillFitTheCapacity() {
        var timeline = Timeline(capacity: 3)
        for second in [0, 1_000, 50_000, 400_000] { timeline.append(Self.second(second)) }
        #expect(timeline.count <= 3)
        #expect(timeline.map(\.sent).reduce(0, +) == [0, 1_000, 50_000, 400_000].map { Self.second($0).sent }.reduce(0, +))
    }

    @Test func aDayOfSecondsTakesTheRoomOfItsFirstSecondAndNoMore() {
        var timeline = Timeline()
        #expect(timeline.retainedBytes == 0)
        var bytesAt: [Int: Int] = [:]
        for second in 0..<86_400 {
            timeline.append(Self.second(second))
            if [0, 60, 3_599, 7_199, 86_399].contains(second) { bytesAt[second] = timeline.retainedBytes }
        }
        #expect(timeline.grain == 30)
        #expect(timeline.count == 2_880)
        #expect(MemoryLayout<TimelinePoint>.stride == 144)
        let room = Timeline.defaultCapacity * MemoryLayout<TimelinePoint>.stride
        #expect(bytesAt[0]! >= room && bytesAt[0]! < room + 4 * MemoryLayout<TimelinePoint>.stride)
        #expect(bytesAt.values.allSatisfy { $0 == bytesAt[0] }, "\(bytesAt)")
    }

    /// As the runner holds its last snapshot while the aggregator appends the next second: every append
    /// then copies points shared with the copy held.
    @Test func aCopyHeldAtEverySecondLeavesTheRoomAsItWas() {
        var timeline = Timeline(capacity: 10)
        var held = timeline
        var bytesAt: [Int: Int] = [:]
        for second in 0..<2_000 {
            timeline.append(Self.second(second))
            held = timeline
            if [0, 999, 1_999].contains(second) { bytesAt[second] = timeline.retainedBytes }
        }
        #expect(held.grain == 300)
        #expect(bytesAt[0]! >= 10 * MemoryLayout<TimelinePoint>.stride)
        #expect(bytesAt[999] == bytesAt[0] && bytesAt[1_999] == bytesAt[0], "\(bytesAt)")
    }
}
