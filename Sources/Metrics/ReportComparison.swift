/// A new run's key figures against a baseline's, for CI: each figure with its change, and the ones that
/// worsened by more than the accepted share marked as regressions.
///
/// Latencies (p50 and p99 per action), error and timeout shares are better lower; throughput, connected
/// stations and transactions started are better higher. A figure that was 0 and is not any more counts
/// as worse by any share. Latencies are judged only for actions answered in both runs.
///
/// ```swift
/// let comparison = ReportComparison(base: base, new: new, maxRegression: 0.10)
/// print(comparison.rendered())
/// exit(comparison.regressions.isEmpty ? 0 : 1)
/// ```
public struct ReportComparison: Sendable {
    /// Which way a figure improves.
    public enum Better: Sendable, Equatable {
        case lower
        case higher
    }

    /// One figure in both runs.
    public struct Row: Sendable, Equatable {
        /// What the figure is, with its unit: `StartTransaction p99 ms`, `msgs/s`.
        public var figure: String
        /// The baseline's value; nil when the baseline has none (an action it never sent).
        public var base: Double?
        /// The new run's value; nil when it has none.
        public var new: Double?
        /// Which way the figure improves.
        public var better: Better
        /// How many decimals the figure reads with.
        public var decimals: Int
        /// Whether the new value is worse than the baseline's by more than the accepted share.
        public var regressed: Bool

        /// The change from the baseline as a share (0.25 is 25 % up); nil when either value is missing or
        /// the baseline is 0 and the new value is not.
        public var change: Double? {
            guard let base, let new else { return nil }
            if base == 0 { return new == 0 ? 0 : nil }
            return (new - base) / base
        }
    }

    /// The largest accepted worsening, as a share (0.10 for 10 %).
    public let maxRegression: Double
    /// Every figure compared, in the order shown.
    public let rows: [Row]

    /// Compares `new` against `base`.
    public init(base: RunReport, new: RunReport, maxRegression: Double) {
        self.maxRegression = maxRegression
        var rows: [Row] = []
        func add(_ figure: String, _ base: Double?, _ new: Double?, better: Better, decimals: Int) {
            rows.append(
                Row(
                    figure: figure, base: base, new: new, better: better, decimals: decimals,
                    regressed: Self.regressed(base: base, new: new, better: better, maxRegression: maxRegression)))
        }
        var names = base.actions.filter { $0.answered > 0 }.map(\.name)
        for figures in new.actions where figures.answered > 0 && !names.contains(figures.name) {
            names.append(figures.name)
        }
        for name in names.sorted() {
            let before = base.figures(for: name).flatMap { $0.answered > 0 ? $0.latency : nil }
            let after = new.figures(for: name).flatMap { $0.answered > 0 ? $0.latency : nil }
            add("\(name) p50 ms", before.map { Double($0.p50) / 1000 }, after.map { Double($0.p50) / 1000 },
                better: .lower, decimals: 3)
            add("\(name) p99 ms", before.map { Double($0.p99) / 1000 }, after.map { Double($0.p99) / 1000 },
                better: .lower, decimals: 3)
        }
        add("msgs/s", base.sentPerSecond, new.sentPerSecond, better: .higher, decimals: 1)
        add("errors %", base.allActions.share(base.allActions.callErrors), new.allActions.share(new.allActions.callErrors),
            better: .lower, decimals: 3)
        add("timeouts %", base.allActions.share(base.allActions.timeouts), new.allActions.share(new.allActions.timeouts),
            better: .lower, decimals: 3)
        add("connected (most at once)", Double(base.connections.maxConcurrent), Double(new.connections.maxConcurrent),
            better: .higher, decimals: 0)
        add("transactions started", Double(base.transactions.started), Double(new.transactions.started),
            better: .higher, decimals: 0)
        self.rows = rows
    }

    /// The figures that worsened by more than ``maxRegression``.
    public var regressions: [Row] { rows.filter(\.regressed) }

    /// The comparison as a table of plain text, with a closing line that counts the regressions.
    public func rendered() -> String {
        var table = [["figure", "base", "new", "change", ""]]
        for row in rows {
            table.append([
                row.figure, row.base.map { NumberText.fixed($0, decimals: row.decimals) } ?? "-",
                row.new.map { NumberText.fixed($0, decimals: row.decimals) } ?? "-", Self.changeText(row),
                row.regressed ? "REGRESSION" : "",
            ])
        }
        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        var lines = table.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == 4 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingSuffixSpaces()
        }
        let threshold = NumberText.compact(maxRegression * 100)
        let count = regressions.count
        lines.append("")
        lines.append(
            count == 0
                ? "no regression beyond \(threshold)%"
                : "\(count) regression\(count == 1 ? "" : "s") beyond \(threshold)%: "
                    + regressions.map(\.figure).joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func changeText(_ row: Row) -> String {
        guard let base = row.base, let new = row.new else { return "-" }
        guard let change = row.change else { return base == 0 && new != 0 ? "from 0" : "-" }
        return (change > 0 ? "+" : "") + NumberText.fixed(change * 100, decimals: 1) + "%"
    }

    private static func regressed(base: Double?, new: Double?, better: Better, maxRegression: Double) -> Bool {
        guard let base, let new else { return false }
        switch better {
        case .lower: return base == 0 ? new > 0 : new > base * (1 + maxRegression)
        case .higher: return new < base * (1 - maxRegression)
        }
    }
}

extension ActionFigures {
    /// Calls answered, with a CallResult or a CallError.
    fileprivate var answered: UInt64 { ok &+ callErrors }

    /// `count` as a percentage of the calls sent; 0 when none was sent.
    fileprivate func share(_ count: UInt64) -> Double {
        sent == 0 ? 0 : Double(count) / Double(sent) * 100
    }
}

extension String {
    fileprivate func trimmingSuffixSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
