import Foundation
import Metrics

/// Shows a long run's progress: one line redrawn in place on a terminal, plain lines every ten seconds
/// elsewhere (CI logs), nothing with `--quiet`.
final class ProgressPrinter: @unchecked Sendable {
    // Used from one thread at a time: the run's progress callback, then the command once the run ended.
    private let stations: Int
    private let enabled: Bool
    private let terminal = Output.isTerminal
    private var lastPrinted: Date?
    private var lineShown = false

    init(stations: Int, quiet: Bool) {
        self.stations = stations
        enabled = !quiet
    }

    func show(_ snapshot: MetricsSnapshot) {
        guard enabled else { return }
        let now = Date()
        let interval: TimeInterval = terminal ? 0.2 : 10
        if let lastPrinted, now.timeIntervalSince(lastPrinted) < interval { return }
        lastPrinted = now
        let line = ProgressLine.render(snapshot, stations: stations)
        if terminal {
            Output.errorFragment("\r\u{1B}[K" + line)
            lineShown = true
        } else {
            Output.error(line)
        }
    }

    /// Ends the redrawn line so that what follows starts on its own line.
    func finish() {
        if lineShown { Output.errorFragment("\n") }
        lineShown = false
    }
}
