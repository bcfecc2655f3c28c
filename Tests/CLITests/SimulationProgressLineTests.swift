import Foundation
import Metrics
import Testing

@testable import CLI

@Test func theSimulationProgressLineShowsTheSimulatedClockAndRealMessagesPerSecond() {
    let recorder = MetricsRecorder()
    let heartbeat = recorder.register(action: "Heartbeat")
    for _ in 0..<500 {
        recorder.recordSent(heartbeat)
        recorder.recordAnswer(heartbeat, latencyMicros: 2_000, serviceMicros: 1_000)
    }
    recorder.advance(toElapsedMicros: 3_725_000_000)
    var aggregator = MetricsAggregator(loopCount: 1)
    aggregator.add(recorder.collectFinal(), fromLoop: 0)
    let started = Date(timeIntervalSince1970: 1_000)
    let line = SimulationProgressLine(started: started, duration: 86_400)
        .render(aggregator.finish(), stations: 10, now: started.addingTimeInterval(2))
    #expect(line == "simulated 01:02:05 of 24:00:00  10 stations  250 msgs/s  p99 2.0 ms  errors 0")
}
