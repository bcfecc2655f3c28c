import Testing

@testable import CLI

/// Runs a search against a made-up CSMS that meets every SLO up to `knee` stations and no further.
private func search(
    knee: Int, step: Int, maxStations: Int, resolution: CapacitySearch.Resolution
) -> (search: CapacitySearch, tried: [Int]) {
    var search = CapacitySearch(step: step, maxStations: maxStations, resolution: resolution)
    var tried: [Int] = []
    // Bounded: a search of 50,000 stations in steps of 1 would still end; this one must end far sooner.
    while let size = search.next(), tried.count < 200 {
        tried.append(size)
        search.record(size, passed: size <= knee)
    }
    return (search, tried)
}

@Test func theSearchGrowsByTheStepUntilASizeFailsThenBisects() {
    let (_, tried) = search(knee: 1_234, step: 500, maxStations: 5_000, resolution: .share(0.05))
    #expect(Array(tried.prefix(3)) == [500, 1_000, 1_500])
    #expect(tried[3] == 1_250)
    #expect(tried[4] == 1_125)
}

@Test(arguments: [612, 1_234, 2_999, 4_321])
func theKneeIsBracketedWithinTheResolution(knee: Int) throws {
    let (search, tried) = search(knee: knee, step: 500, maxStations: 5_000, resolution: .share(0.05))
    let passed = try #require(search.largestPassed)
    let failed = try #require(search.smallestFailed)
    #expect(passed <= knee && knee < failed, "\(tried)")
    #expect(Double(failed - passed) <= 0.05 * Double(passed), "\(tried)")
    #expect(tried.count <= 10 + 6, "a few bisections, not a scan: \(tried)")
}

@Test func aResolutionInStationsNarrowsTheGapToThatMany() throws {
    let (search, _) = search(knee: 1_234, step: 500, maxStations: 5_000, resolution: .stations(10))
    let passed = try #require(search.largestPassed)
    let failed = try #require(search.smallestFailed)
    #expect(failed - passed <= 10)
    #expect(passed <= 1_234 && 1_234 < failed)
}

@Test func theBisectionGoesDownToOneStationAtMost() {
    let (search, _) = search(knee: 7, step: 5, maxStations: 50, resolution: .share(0.05))
    #expect(search.largestPassed == 7)
    #expect(search.smallestFailed == 8)
}

@Test func aFirstSizeThatFailsEndsTheSearch() {
    let (search, tried) = search(knee: 100, step: 500, maxStations: 5_000, resolution: .share(0.05))
    #expect(tried == [500])
    #expect(search.largestPassed == nil)
}

@Test func aCSMSThatHoldsEverySizeIsTriedUpToTheMaximumOnly() {
    let (search, tried) = search(knee: .max, step: 400, maxStations: 1_000, resolution: .share(0.05))
    #expect(tried == [400, 800, 1_000])
    #expect(search.smallestFailed == nil)
}

@Test func theResolutionReadsAsAShareOrAsStations() throws {
    #expect(try CapacitySearch.resolution("5%") == .share(0.05))
    #expect(try CapacitySearch.resolution("25") == .stations(25))
    #expect(throws: ValueError.self) { try CapacitySearch.resolution("0%") }
    #expect(throws: ValueError.self) { try CapacitySearch.resolution("-3") }
    #expect(throws: ValueError.self) { try CapacitySearch.resolution("five") }
}
