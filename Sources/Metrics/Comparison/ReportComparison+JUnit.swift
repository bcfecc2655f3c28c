extension ReportComparison {
    /// The comparison as a JUnit XML document, one test case per figure, so that CI systems show each
    /// figure as a test: a regression is a `failure`, a figure worse on too few samples an `error` (the
    /// test could not decide), a figure not judged for want of samples or missing on one side is
    /// `skipped`; the others pass. A caveat that makes the verdict inconclusive (an interrupted run) is one
    /// more test case, in error.
    public func junit() -> String {
        let figures = rows.map { row in
            let detail = Self.detail(row)
            let outcome: JUnitDocument.Outcome =
                if row.regressed {
                    .failure(type: "regression", message: detail, detail: detail)
                } else if row.inconclusive {
                    .error(type: "inconclusive", message: detail, detail: detail)
                } else if !row.judged {
                    .skipped(message: detail)
                } else {
                    .passed(output: detail)
                }
            return JUnitDocument.TestCase(
                classname: row.action.map { "compare.\($0)" } ?? "compare.run", name: row.figure, outcome: outcome)
        }
        let incomplete = caveats.map { caveat in
            JUnitDocument.TestCase(
                classname: "compare.run", name: "complete runs",
                outcome: .error(type: "inconclusive", message: caveat, detail: caveat))
        }
        return JUnitDocument.render(
            name: "ocpp-fleet report compare", suite: "report compare", time: nil,
            properties: [
                ("verdict", verdictName), ("baselines", String(baselineCount)), ("thresholds", thresholds.description),
            ],
            cases: figures + incomplete
        )
    }

    /// The verdict as one word: `no-regression`, `regression`, `inconclusive`.
    public var verdictName: String {
        switch verdict {
        case .noRegression: "no-regression"
        case .regression: "regression"
        case .inconclusive: "inconclusive"
        }
    }

    private static func detail(_ row: Row) -> String {
        let values = "base \(row.base.map { NumberText.fixed($0, decimals: row.decimals) } ?? "-"), "
            + "new \(row.new.map { NumberText.fixed($0, decimals: row.decimals) } ?? "-"), "
            + "change \(changeText(row)), limit \(limitText(row))"
        guard row.base != nil, row.new != nil else { return values + ": missing on one side, not judged" }
        guard row.requiredSamples > 0 else { return values }
        let samples = "samples \(row.baseSamples)/\(row.newSamples)"
        if row.hasEnoughSamples { return "\(values), \(samples)" }
        return "\(values), \(samples), \(row.requiredSamples) needed: "
            + (row.inconclusive ? "worse, but too few samples to say so" : "not judged")
    }
}
