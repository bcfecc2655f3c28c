extension ReportComparison {
    /// The comparison as a table of plain text: each figure with its change, its threshold, the samples
    /// behind both sides and what was concluded; then the verdict, in words a CI log reader can act on.
    public func rendered() -> String {
        var table = [["figure", "base", "new", "change", "limit", "samples", ""]]
        for row in rows {
            table.append([
                row.figure, row.base.map { NumberText.fixed($0, decimals: row.decimals) } ?? "-",
                row.new.map { NumberText.fixed($0, decimals: row.decimals) } ?? "-", Self.changeText(row),
                Self.limitText(row), Self.samplesText(row), Self.noteText(row),
            ])
        }
        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        if baselineCount > 1 { lines.append("baseline: the median of \(baselineCount) reports") }
        lines += table.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == cells.count - 1 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingSuffixSpaces()
        }
        lines.append("")
        lines += verdictLines()
        return lines.joined(separator: "\n") + "\n"
    }

    private func verdictLines() -> [String] {
        let unjudged = rows.filter { $0.base != nil && $0.new != nil && !$0.hasEnoughSamples }.count
        let aside = unjudged == 0 ? "" : "; \(unjudged) not judged for want of samples"
        switch verdict {
        case .regression:
            let count = regressions.count
            return [
                "REGRESSION: \(count) figure\(count == 1 ? "" : "s") worse beyond \(count == 1 ? "its" : "their") "
                    + "threshold: " + regressions.map { "\($0.figure) (\(Self.changeText($0)))" }.joined(separator: ", ")
            ]
        case .inconclusive:
            var lines = ["INCONCLUSIVE: the data cannot support a verdict"]
            for row in unsupported {
                lines.append(
                    "  \(row.figure) is worse (\(Self.changeText(row)), limit \(Self.limitText(row))) on "
                        + "\(Swift.min(row.baseSamples, row.newSamples)) samples, "
                        + "\(row.requiredSamples) needed: run longer")
            }
            for caveat in caveats { lines.append("  \(caveat)") }
            if !judgedCalls { lines.append("  no figure of the calls had the samples it needs: run longer") }
            return lines
        case .noRegression:
            let judged = rows.filter(\.judged).count
            let figures = judged == 1 ? "1 figure within its threshold" : "\(judged) figures within their thresholds"
            return ["no regression: \(figures)\(aside)"]
        }
    }

    static func changeText(_ row: Row) -> String {
        guard let base = row.base, let new = row.new else { return "-" }
        if row.kind.isRate {
            let points = new - base
            return (points > 0 ? "+" : "") + NumberText.fixed(points, decimals: 3) + "pt"
        }
        guard let change = row.change else { return base == 0 && new != 0 ? "from 0" : "-" }
        return (change > 0 ? "+" : "") + NumberText.fixed(change * 100, decimals: 1) + "%"
    }

    static func limitText(_ row: Row) -> String {
        let share = RegressionThresholds.percent(row.threshold)
        if row.kind.isRate { return "+" + share.dropLast() + "pt" }
        return (row.better == .lower ? "+" : "-") + share
    }

    static func samplesText(_ row: Row) -> String {
        guard row.requiredSamples > 0 else { return "-" }
        let counts = row.base == nil || row.new == nil ? "-" : "\(row.baseSamples)/\(row.newSamples)"
        return row.hasEnoughSamples ? counts : "\(counts) <\(row.requiredSamples)"
    }

    static func noteText(_ row: Row) -> String {
        if row.regressed { return "REGRESSION" }
        if row.inconclusive { return "INCONCLUSIVE" }
        if row.base == nil || row.new == nil { return "" }
        return row.hasEnoughSamples ? "ok" : "few samples"
    }
}

extension String {
    fileprivate func trimmingSuffixSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
