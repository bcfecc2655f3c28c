import Testing

@testable import Fleet

/// A profile's network faults (`partition`, `slowLinks`, `stalls`, `dropLinks` with `how`) and the
/// `stations` range every event but `restartCSMS` may take.
@Suite struct LinkFaultEventTests {
    private func profile(events: String) throws(ProfileError) -> Profile {
        let json = """
            {"name": "faults", "description": "d", "stations": {"count": 20},
             "sites": [{"name": "home", "arrivals": {"list": []}, "dwellMinutes": {"fixed": 60}, "energyKWh": {"fixed": 10}}],
             "events": \(events)}
            """
        return try Profile.parse(Array(json.utf8), file: "faults.json")
    }

    private func diagnostics(events: String) -> [String] {
        do {
            _ = try profile(events: events)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func networkFaultsReadAsTheCommandLinesDo() throws {
        let read = try profile(events: """
            [{"at": "1m", "event": "partition", "duration": "30s", "stations": "1-10"},
             {"at": "2m", "event": "slowLinks", "duration": "1m", "latency": "200ms", "bandwidth": "64kB/s", "share": 0.5},
             {"at": "3m", "event": "stalls", "duration": "1m", "loss": 0.02},
             {"at": "4m", "event": "dropLinks", "share": 0.4, "how": "reset"}]
            """)
        #expect(
            read.events == [
                try FaultSpec.parse("partition@1m:30s:stations=1-10"),
                try FaultSpec.parse("slow@2m:1m:latency=200ms,bandwidth=64kB/s,share=50%"),
                try FaultSpec.parse("stall@3m:1m:loss=2%"),
                try FaultSpec.parse("drop@4m:share=40%,how=reset"),
            ])
    }

    @Test func aDropWithoutHowEndsTheStreamWithAFIN() throws {
        let read = try profile(events: #"[{"at": "1m", "event": "dropLinks", "share": 1}]"#)
        #expect(read.events[0].action == .dropLinks(share: 1, how: .fin))
    }

    @Test func badFaultMembersAreReportedWithTheirPaths() {
        let found = diagnostics(events: """
            [{"at": "1m", "event": "partition"},
             {"at": "1m", "event": "slowLinks", "duration": "1m"},
             {"at": "1m", "event": "stalls", "duration": "1m", "loss": 2},
             {"at": "1m", "event": "dropLinks", "share": 1, "how": "slam", "stations": "5-1"},
             {"at": "1m", "event": "restartCSMS", "downtime": "5s", "stations": "1-2"},
             {"at": "1m", "event": "partition", "duration": "1m", "loss": 0.5}]
            """)
        #expect(found.count == 7, "\(found)")
        let joined = found.joined(separator: "\n")
        #expect(joined.contains("$.events[0]: expected a member \"duration\""))
        #expect(joined.contains("$.events[1]: expected \"latency\" or \"bandwidth\" (or both) in a \"slowLinks\" event"))
        #expect(joined.contains("$.events[2].loss: expected a number from 0 to 1"))
        #expect(joined.contains("$.events[3].how: expected \"fin\", \"reset\" or \"close\""))
        #expect(joined.contains("$.events[3].stations: expected station numbers \"A-B\""))
        #expect(joined.contains("$.events[4].stations: expected no \"stations\" in a \"restartCSMS\" event"))
        #expect(joined.contains("$.events[5].loss: expected no \"loss\" in a \"partition\" event"))
    }

    @Test func anEventWithAStationRangeReachesOnlyThoseStations() throws {
        let read = try profile(events: #"[{"at": "1m", "event": "partition", "duration": "30s", "stations": "6-10"}]"#)
        let plan = FleetPlan(profile: read, fleetSize: 20, seed: 7, duration: 3_600_000)
        let reached = plan.stations.filter { !plan.station($0).events.isEmpty }
        #expect(reached == Array(5...9))
    }
}
