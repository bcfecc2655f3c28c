import Testing

@testable import CLI

@Test func aFleetWhoseLoopsWereBusyAllAlongIsSaturated() {
    let health = FleetHealth(lagP50Micros: 1_000, lagP99Micros: 2_000, cpuShare: 0.97, loops: 1)
    #expect(health.isSaturated(latencyP50Micros: 2_000_000))
}

@Test func aFleetThatRanHalfTheTimeAndWaitedForACPUTheOtherHalfIsSaturated() {
    // As measured with one loop asked for 40,000 calls a second on a shared machine.
    let health = FleetHealth(lagP50Micros: 43_000, lagP99Micros: 308_000, cpuShare: 0.45, demandShare: 1.45, loops: 1)
    #expect(health.isSaturated(latencyP50Micros: 138_000))
}

@Test func aLoopGivenASixthOfACoreThatWantedAllOfItIsSaturated() {
    // As measured with one loop asked for 40,000 calls a second while the whole suite ran: 1,572 sent.
    let health = FleetHealth(lagP50Micros: 51_800, lagP99Micros: 455_000, cpuShare: 0.15, demandShare: 1.78, loops: 1)
    #expect(health.isSaturated(latencyP50Micros: 578_600))
}

@Test func aFleetWhoseTimersRanLateAtTheMedianIsSaturated() {
    // As measured with one loop starved on a busy machine: timers 200 ms late, calls 600 ms.
    let health = FleetHealth(lagP50Micros: 202_000, lagP99Micros: 420_000, cpuShare: 0.18, loops: 1)
    #expect(health.isSaturated(latencyP50Micros: 603_000))
}

@Test func aFleetOnTimeBehindASlowCSMSIsNotSaturatedByTheHiccupsOfABusyMachine() {
    // As measured against a CSMS at its service rate on a busy machine: a few timers 70 ms late.
    let health = FleetHealth(lagP50Micros: 1_400, lagP99Micros: 71_000, cpuShare: 0.13, demandShare: 0.3, loops: 2)
    #expect(!health.isSaturated(latencyP50Micros: 194_000))
}

@Test func anIdleFleetOnAMachineBusyWithOtherWorkIsNotSaturated() {
    // As measured with five stations while the whole test suite ran: timers 18 ms late, CPU hardly used.
    let health = FleetHealth(lagP50Micros: 18_000, lagP99Micros: 100_000, cpuShare: 0.03, demandShare: 0.08, loops: 2)
    #expect(!health.isSaturated(latencyP50Micros: 56_000))
}

@Test func anIdleFleetWhoseThreadsWaitedForACPUOnABusyMachineIsNotSaturated() {
    // As measured with fifteen stations while the suite ran: 2 % of the CPU used, its few wake-ups waited.
    let health = FleetHealth(lagP50Micros: 18_800, lagP99Micros: 185_000, cpuShare: 0.02, demandShare: 1.33, loops: 2)
    #expect(!health.isSaturated(latencyP50Micros: 60_000))
}

@Test func aLagThatIsASmallShareOfSlowAnswersDoesNotCount() {
    let health = FleetHealth(lagP50Micros: 60_000, lagP99Micros: 90_000, cpuShare: 0.3, loops: 2)
    #expect(!health.isSaturated(latencyP50Micros: 2_000_000))
}

@Test func aSendQueueGrewWhenItHeldMoreAtTheStepsEndThanAtItsStart() {
    var health = FleetHealth(lagP50Micros: 1_000, lagP99Micros: 2_000, cpuShare: 0.2, loops: 1)
    #expect(!health.sendQueueGrew)
    health.sendQueueBytes = 300_000
    health.sendQueueGrowth = -100_000
    #expect(!health.sendQueueGrew, "draining is no growth")
    health.sendQueueGrowth = 200_000
    #expect(health.sendQueueGrew)
    // Unsent bytes wait on the CSMS: they alone never make the fleet the limit.
    #expect(!health.isSaturated(latencyP50Micros: 500_000))
}
