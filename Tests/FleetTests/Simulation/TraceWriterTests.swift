import Foundation
import Testing

@testable import Fleet

@Suite struct TraceWriterTests {
    @Test("a simulation whose trace file takes no byte fails, and says which file and why")
    func unwritableTraceFailsTheSimulation() throws {
        let plan = FleetPlan(profile: try RunFixtures.profile(), fleetSize: 2, seed: 1, duration: 60_000)
        // /dev/full opens, then refuses every byte.
        let simulation = try Simulation(plan: plan, tracePath: "/dev/full", threads: 1)

        let error = #expect(throws: SimulationError.self) { try simulation.run() }
        #expect(error?.description == "cannot write the trace to /dev/full: \(String(cString: strerror(ENOSPC)))")
    }

    @Test("a trace path that cannot be opened fails the simulation before it starts")
    func unopenableTracePath() throws {
        let plan = FleetPlan(profile: try RunFixtures.profile(), fleetSize: 2, seed: 1, duration: 60_000)

        let error = #expect(throws: SimulationError.self) {
            try Simulation(plan: plan, tracePath: "/nonexistent-\(getpid())/trace.jsonl")
        }
        #expect(error?.description.hasPrefix("cannot write the trace to /nonexistent-") == true)
    }
}
