import Fleet
import Metrics
import Synchronization
import Testing
import TestSupport

@Suite("A running fleet resized", .serialized)
struct FleetResizeTests {
    @Test("stations are powered on and off while the fleet runs, those off leaving no error behind")
    func resizedWhileRunning() async throws {
        var configuration = FleetRunConfiguration(profile: try Profile.load(file: packageRootPath("Profiles/idle.json")))
        configuration.stations = 20
        configuration.poweredOnAtStart = 5
        // A heartbeat a second: calls are in flight when stations are powered off.
        configuration.speed = 60
        configuration.duration = .seconds(90)
        configuration.loops = 2
        let runner = FleetRunner(configuration: configuration)
        // Each size in turn, the next asked for once every link of the one before is up and every station
        // on it booted: a station powered off before its BootNotification was answered would not count it
        // (a loaded machine may answer it seconds after the link opened). And a whole second of the
        // timeline has ended at that size: `max_concurrent` counts the instants the loops record (each loop's
        // own peak, the sum of their seconds' ends), so a size held for less than a second across two loops
        // need not show in it.
        let sizes = [5, 20, 10, 15]
        let boots = [5, 20, 20, 25]
        let reached = Mutex<[Int]>([])
        let report = try await runner.run { progress in
            let connected = Int(progress.snapshot.connections.current)
            let booted = Int(progress.snapshot.actions["BootNotification"]?.ok ?? 0)
            let secondEnded = Int(progress.snapshot.timeline.last?.connected ?? 0)
            let next: Int? = reached.withLock { reached in
                guard reached.count < sizes.count, connected == sizes[reached.count], booted == boots[reached.count],
                    secondEnded == sizes[reached.count]
                else { return nil }
                reached.append(connected)
                return reached.count < sizes.count ? sizes[reached.count] : 0
            }
            if next == 0 { runner.stop() } else if let next { runner.resize(to: next) }
        }

        #expect(reached.withLock { $0 } == sizes)
        #expect(report.connections.maxConcurrent == 20)
        #expect(report.connections.closed.counts["powered_off"] == 10)
        // Half the fleet gone at once, by the run's own doing: no storm.
        #expect(report.storms.isEmpty, "\(report.storms)")
        // The five powered on again came back as new stations: nothing counts as a reconnection.
        #expect(report.connections.established == 25)
        #expect(report.connections.reconnects == 0)
        #expect(report.allActions.errors == 0)
        #expect(report.figures(for: "BootNotification")?.ok == 25)
    }
}
