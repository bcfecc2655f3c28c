/// A new run's figures against a baseline's, for CI, honest about noise: each figure with its change, its
/// threshold and the samples behind it; a verdict only where the samples can support one.
///
/// Per action: p50, p99 and p99.9 latency, error and timeout rates; for the run: calls sent per second,
/// error, timeout and connection-failure rates, connection time (p50, p99), the most stations connected at
/// once, transactions started.
/// The baseline may be several reports (runs of the same build): each figure's baseline is then their
/// median, and its sample count their smallest.
///
/// A figure is judged only when both sides have the samples it needs (``Row/requiredSamples``): 20 calls
/// behind a p50, 100 behind a p99, 1,000 behind a p99.9 (a percentile resting on fewer values than that
/// is mostly one call's luck); for a rate, enough calls that one of them moves it by less than its
/// threshold; for a throughput or a count, enough that its Poisson noise is within its threshold. A
/// figure that worsened beyond its threshold without those samples makes the verdict
/// ``Verdict/inconclusive`` rather than a guess either way.
///
/// ```swift
/// let comparison = ReportComparison(baselines: [a, b, c], new: candidate, thresholds: .defaults)
/// print(comparison.rendered())
/// switch comparison.verdict { case .noRegression: exit(0); case .regression: exit(1); case .inconclusive: exit(4) }
/// ```
public struct ReportComparison: Sendable {
    /// Which way a figure improves.
    public enum Better: Sendable, Equatable {
        case lower
        case higher
    }

    /// What the comparison concludes.
    public enum Verdict: Sendable, Equatable {
        /// Every figure that could be judged is within its threshold, and none of the others moved beyond it.
        case noRegression
        /// At least one figure, with the samples it needs, worsened beyond its threshold.
        case regression
        /// No regression is proven, but the data cannot rule one out: a figure worsened beyond its threshold
        /// on too few samples, no figure of the calls could be judged at all, or a run was interrupted.
        case inconclusive
    }

    /// One figure in both runs.
    public struct Row: Sendable, Equatable {
        /// What the figure is, with its unit: `StartTransaction p99 ms`, `msgs/s`.
        public var figure: String
        /// Which threshold applies.
        public var kind: RegressionThresholds.Kind
        /// The action it belongs to; nil for a figure of the whole run.
        public var action: String?
        /// The baseline's value (the median of the baselines'); nil when no baseline has it.
        public var base: Double?
        /// The new run's value; nil when it has none.
        public var new: Double?
        /// The samples behind the baseline's value (the fewest of the baselines').
        public var baseSamples: UInt64
        /// The samples behind the new value.
        public var newSamples: UInt64
        /// The samples each side needs for the figure to be judged; 0 when any count will do.
        public var requiredSamples: UInt64
        /// Which way the figure improves.
        public var better: Better
        /// The accepted worsening: a relative share, or for a rate a share in points.
        public var threshold: Double
        /// How many decimals the figure reads with.
        public var decimals: Int

        /// The change from the baseline as a share (0.25 is 25 % up); nil when either value is missing or
        /// the baseline is 0 and the new value is not.
        public var change: Double? {
            guard let base, let new else { return nil }
            if base == 0 { return new == 0 ? 0 : nil }
            return (new - base) / base
        }

        /// Whether the new value is worse than the baseline's by more than the threshold, whatever the
        /// samples. A figure that was 0 and is not any more is worse by any relative share.
        public var exceedsThreshold: Bool {
            guard let base, let new else { return false }
            if kind.isRate { return new - base > threshold * 100 + 1e-9 }
            switch better {
            case .lower: return base == 0 ? new > 0 : new > base * (1 + threshold)
            case .higher: return new < base * (1 - threshold)
            }
        }

        /// Whether both sides have the samples the figure needs.
        public var hasEnoughSamples: Bool { Swift.min(baseSamples, newSamples) >= requiredSamples }

        /// Whether the figure was judged: both values present, and enough samples behind them.
        public var judged: Bool { base != nil && new != nil && hasEnoughSamples }

        /// A proven regression: worse beyond the threshold, with the samples to show it.
        public var regressed: Bool { exceedsThreshold && hasEnoughSamples }

        /// Worse beyond the threshold, but on too few samples to say so.
        public var inconclusive: Bool { exceedsThreshold && !hasEnoughSamples }
    }

    /// The thresholds applied.
    public let thresholds: RegressionThresholds
    /// How many reports the baseline is the median of.
    public let baselineCount: Int
    /// Every figure compared, in the order shown.
    public let rows: [Row]
    /// Why the verdict cannot be trusted whatever the figures say (an interrupted run), if anything.
    public let caveats: [String]

    /// Compares `new` against one baseline.
    public init(base: RunReport, new: RunReport, thresholds: RegressionThresholds = .defaults) {
        self.init(baselines: [base], new: new, thresholds: thresholds)
    }

    /// Compares `new` against the median of `baselines` (at least one).
    public init(baselines: [RunReport], new: RunReport, thresholds: RegressionThresholds = .defaults) {
        precondition(!baselines.isEmpty, "a comparison needs a baseline")
        self.thresholds = thresholds
        baselineCount = baselines.count
        var builder = RowBuilder(baselines: baselines, new: new, thresholds: thresholds)
        var names: [String] = []
        for report in baselines + [new] {
            for figures in report.actions where figures.sent > 0 && !names.contains(figures.name) {
                names.append(figures.name)
            }
        }
        for name in names.sorted() {
            for (kind, label) in [(RegressionThresholds.Kind.p50, "p50"), (.p99, "p99"), (.p999, "p99.9")] {
                builder.latency(name, kind, label)
            }
            builder.rate(name, .errors, "errors %") { $0.callErrors }
            builder.rate(name, .timeouts, "timeouts %") { $0.timeouts }
        }
        builder.add("msgs/s", .throughput, better: .higher, decimals: 1) { report in
            (report.sentPerSecond, report.allActions.sent)
        }
        builder.rate(nil, .errors, "errors %") { $0.callErrors }
        builder.rate(nil, .timeouts, "timeouts %") { $0.timeouts }
        builder.add("connect failures %", .connectFailures, better: .lower, decimals: 3) { report in
            let attempts = report.connections.attempted
            return (attempts == 0 ? 0 : Double(report.connections.failed.total) / Double(attempts) * 100, attempts)
        }
        for (label, percentile) in [("p50", 0.5), ("p99", 0.99)] {
            builder.add(
                "connect \(label) ms", .connectTime, better: .lower, decimals: 3,
                required: Self.requiredSamples(percentile: percentile)
            ) { report in
                let summary = report.connectTime
                guard summary.count > 0 else { return nil }
                return (Double(percentile == 0.5 ? summary.p50 : summary.p99) / 1000, summary.count)
            }
        }
        builder.add("connected (most at once)", .connected, better: .higher, decimals: 0) { report in
            (Double(report.connections.maxConcurrent), report.connections.maxConcurrent)
        }
        builder.add("transactions started", .transactions, better: .higher, decimals: 0) { report in
            (Double(report.transactions.started), report.transactions.started)
        }
        rows = builder.rows
        var caveats: [String] = []
        let interrupted = baselines.filter(\.interrupted).count
        if interrupted > 0 {
            caveats.append(
                baselines.count == 1
                    ? "the baseline stopped before its end" : "\(interrupted) of the baselines stopped before their end")
        }
        if new.interrupted { caveats.append("the new run stopped before its end") }
        self.caveats = caveats
    }

    /// The figures proven worse beyond their thresholds.
    public var regressions: [Row] { rows.filter(\.regressed) }

    /// The figures worse beyond their thresholds on too few samples.
    public var unsupported: [Row] { rows.filter(\.inconclusive) }

    /// What the figures support.
    public var verdict: Verdict {
        if !regressions.isEmpty { return .regression }
        if !unsupported.isEmpty || !caveats.isEmpty || !judgedCalls { return .inconclusive }
        return .noRegression
    }

    /// The values a percentile needs behind it: one beyond it at least (100 behind a p99, 1,000 behind a
    /// p99.9), and 20 behind a median.
    public static func requiredSamples(percentile: Double) -> UInt64 {
        max(20, UInt64((1 / (1 - percentile)).rounded()))
    }

    /// Whether some figure of the calls (a latency, a rate, the throughput) could be judged: a run too short
    /// for all of them supports no verdict, whatever its stations did.
    var judgedCalls: Bool {
        rows.contains { $0.judged && ($0.kind.isLatency || $0.kind == .errors || $0.kind == .timeouts || $0.kind == .throughput) }
    }

    /// The samples a figure of `kind` needs behind each side to be judged against `threshold`.
    public static func requiredSamples(_ kind: RegressionThresholds.Kind, threshold: Double) -> UInt64 {
        switch kind {
        case .p50: return requiredSamples(percentile: 0.5)
        case .p99, .connectTime: return requiredSamples(percentile: 0.99)
        case .p999: return requiredSamples(percentile: 0.999)
        case .errors, .timeouts, .connectFailures:
            // One call must move the rate by no more than the threshold.
            return threshold > 0 ? UInt64((1 / threshold).rounded(.up)) : 1
        case .throughput, .transactions:
            // A count of n varies by about √n from run to run: n must reach 1/threshold².
            return threshold > 0 ? UInt64(Swift.min(1e18, (1 / (threshold * threshold)).rounded(.up))) : 1
        case .connected: return 0
        }
    }
}

/// Collects the rows of a comparison, each baseline figure the median of the baselines'.
private struct RowBuilder {
    let baselines: [RunReport]
    let new: RunReport
    let thresholds: RegressionThresholds
    var rows: [ReportComparison.Row] = []

    mutating func add(
        _ figure: String, _ kind: RegressionThresholds.Kind, action: String? = nil,
        better: ReportComparison.Better, decimals: Int, required: UInt64? = nil,
        _ measure: (RunReport) -> (value: Double, samples: UInt64)?
    ) {
        let measured = baselines.compactMap(measure)
        let after = measure(new)
        let threshold = thresholds[kind]
        rows.append(
            ReportComparison.Row(
                figure: figure, kind: kind, action: action, base: Self.median(measured.map(\.value)),
                new: after?.value, baseSamples: measured.map(\.samples).min() ?? 0, newSamples: after?.samples ?? 0,
                requiredSamples: required ?? ReportComparison.requiredSamples(kind, threshold: threshold), better: better,
                threshold: threshold, decimals: decimals))
    }

    mutating func latency(_ action: String, _ kind: RegressionThresholds.Kind, _ label: String) {
        add("\(action) \(label) ms", kind, action: action, better: .lower, decimals: 3) { report in
            guard let figures = report.figures(for: action), figures.latency.count > 0 else { return nil }
            let micros: UInt64
            switch kind {
            case .p50: micros = figures.latency.p50
            case .p99: micros = figures.latency.p99
            default: micros = figures.latency.p999
            }
            return (Double(micros) / 1000, figures.latency.count)
        }
    }

    /// A share of the calls sent, per action or (for a nil action) of all of them.
    mutating func rate(
        _ action: String?, _ kind: RegressionThresholds.Kind, _ label: String, _ count: (ActionFigures) -> UInt64
    ) {
        add(action.map { "\($0) \(label)" } ?? label, kind, action: action, better: .lower, decimals: 3) { report in
            guard let figures = report.figures(for: action ?? "*"), figures.sent > 0 else { return nil }
            return (Double(count(figures)) / Double(figures.sent) * 100, figures.sent)
        }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
