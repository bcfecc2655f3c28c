import Foundation
import Metrics

/// Shows a long run's progress: one line redrawn in place on a terminal, plain lines every ten seconds
/// elsewhere (CI logs), nothing with `--quiet`.
final class ProgressPrinter: @unchecked Sendable {
    // Used from one thread at a time: the run's progress callback, then the command once the run ended.
    private let stations: Int
    private let enabled: Bool
    private let render: @Sendable (MetricsSnapshot, Int) -> String
    private let terminal = Output.isTerminal
    private var lastPrinted: Date?
    private var lineShown = false

    /// - Parameters:
    ///   - stations: how many stations run.
    ///   - quiet: whether to show nothing.
    ///   - render: the line for a snapshot and the station count (a run's by default).
    init(
        stations: Int, quiet: Bool,
        render: @escaping @Sendable (MetricsSnapshot, Int) -> String = { ProgressLine.render($0, stations: $1) }
    ) {
        self.stations = stations
        enabled = !quiet
        self.render = render
    }

    func show(_ snapshot: MetricsSnapshot) {
        show(line: render(snapshot, stations))
    }

    /// Shows `line` (made only when it is shown): the progress of a run whose figures come from elsewhere.
    func show(line: @autoclosure () -> String) {
        guard enabled else { return }
        let now = Date()
        let interval: TimeInterval = terminal ? 0.2 : 10
        if let lastPrinted, now.timeIntervalSince(lastPrinted) < interval { return }
        lastPrinted = now
        let line = line()
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
