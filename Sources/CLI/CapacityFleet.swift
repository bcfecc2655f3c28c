import Basics
import Fleet
import Foundation
import Metrics
import Synchronization

/// One running fleet of a capacity search: a ``FleetRunner`` in a task of its own, whose figures the search
/// samples as the run's clock passes the instants it asks for, and which it can resize while it runs.
///
/// The runner is given a duration longer than the search will need and stopped when the search is done
/// with it: how long a fleet lives is the search's business.
final class CapacityFleet: Sendable {
    /// The fleet's figures at one instant of its run, with the process's CPU time then and its threads'
    /// demand for CPU (``ThreadDemand``).
    struct Sample: Sendable {
        var snapshot: MetricsSnapshot
        var usage: ProcessUsage
        var demandNanos: UInt64?
        var taken: ContinuousClock.Instant
    }

    private struct State {
        var latest: Sample?
        var ended = false
        var failure: FleetRunError?
        var printer: ProgressPrinter?
    }

    /// How many stations the fleet can hold: more needs a new fleet.
    let capacity: Int
    /// How many event loops carry it.
    let loops: Int
    private let runner: FleetRunner
    private let state = Mutex(State())

    /// Starts a fleet of `configuration.stations` stations of which `configuration.poweredOnAtStart` power on.
    init(configuration: FleetRunConfiguration) {
        capacity = configuration.stations
        loops = max(1, configuration.loops)
        runner = FleetRunner(configuration: configuration)
        // Nothing happened yet: a step with no warm-up starts from here.
        state.withLock {
            $0.latest = Sample(
                snapshot: MetricsSnapshot(), usage: .current(), demandNanos: ThreadDemand.current(), taken: .now)
        }
        Task { [self] in
            var failure: FleetRunError?
            do throws(FleetRunError) {
                _ = try await runner.run { update in self.record(update) }
            } catch {
                failure = error
            }
            state.withLock { state in
                state.ended = true
                state.failure = failure
            }
        }
    }

    private func record(_ update: FleetRunProgress) {
        let sample = Sample(
            snapshot: update.snapshot, usage: .current(), demandNanos: ThreadDemand.current(), taken: .now)
        // The printer is used under the lock: the search may swap it from another thread.
        state.withLock { state in
            state.latest = sample
            state.printer?.show(update.snapshot)
        }
    }

    /// Shows the progress of the steps to come on `printer` (ending the line of the one before).
    func show(on printer: ProgressPrinter?) {
        state.withLock { state in
            state.printer?.finish()
            state.printer = printer
        }
    }

    /// Powers its stations on or off so that the first `stations` are on.
    func resize(to stations: Int) {
        runner.resize(to: stations)
    }

    /// How far into its run the fleet is now, in microseconds: the last sample's instant and the time since.
    var elapsedMicros: UInt64 {
        guard let latest = state.withLock({ $0.latest }) else { return 0 }
        let since = ContinuousClock.now - latest.taken
        return latest.snapshot.elapsedMicros + since.microseconds
    }

    /// Waits until a sample at least `micros` into the run arrives (samples come about once a second).
    /// - Returns: the sample, or `nil` when the run ended first or `stop()` says to give up.
    func sample(reaching micros: UInt64, giveUp: @Sendable () -> Bool) async -> Sample? {
        // Bounded: a run's progress comes every second; a minute beyond the instant means it hangs.
        let wait = micros > elapsedMicros ? micros - elapsedMicros : 0
        let deadline = ContinuousClock.now + .microseconds(Int64(clamping: wait)) + .seconds(60)
        while ContinuousClock.now < deadline {
            let (latest, ended) = state.withLock { ($0.latest, $0.ended) }
            if let latest, latest.snapshot.elapsedMicros >= micros { return latest }
            if ended || giveUp() { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Why the run failed, once it has ended; `nil` while it runs or when it ended well.
    var failure: FleetRunError? {
        state.withLock { $0.failure }
    }

    /// Stops the run (open transactions stopped, links closed) and waits until it has ended.
    /// - Returns: why it failed, if it did.
    @discardableResult
    func stop() async -> FleetRunError? {
        runner.stop()
        // Bounded: the runner drains for a few seconds at most, then closes every link.
        for _ in 0..<1_200 {
            let (ended, failure) = state.withLock { ($0.ended, $0.failure) }
            if ended {
                show(on: nil)
                return failure
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        show(on: nil)
        return nil
    }
}
