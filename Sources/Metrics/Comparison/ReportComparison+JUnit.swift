extension ReportComparison {
    /// The comparison as a JUnit XML document, one test case per figure, so that CI systems show each
    /// figure as a test: a regression is a `failure`, a figure worse on too few samples an `error` (the
    /// test could not decide), a figure not judged for want of samples or missing on one side is
    /// `skipped`; the others pass. A caveat that makes the verdict inconclusive (an interrupted run) is one
    /// more test case, in error.
    public func junit() -> String {
        let failures = regressions.count
        let errors = unsupported.count + caveats.count
        let skipped = rows.filter { !$0.judged && !$0.inconclusive }.count
        let counts = "tests=\"\(rows.count + caveats.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"ocpp-fleet report compare\" \(counts)>\n"
        xml += "  <testsuite name=\"report compare\" \(counts) skipped=\"\(skipped)\">\n"
        xml += "    <properties>\n"
        for (name, value) in [
            ("verdict", verdictName), ("baselines", String(baselineCount)),
            ("thresholds", thresholds.description),
        ] {
            xml += "      <property name=\"\(name)\" value=\"\(XMLText.escape(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for row in rows {
            let name = XMLText.escape(row.figure)
            let classname = XMLText.escape(row.action.map { "compare.\($0)" } ?? "compare.run")
            xml += "    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"0\">\n"
            let detail = XMLText.escape(Self.detail(row))
            if row.regressed {
                xml += "      <failure type=\"regression\" message=\"\(detail)\">\(detail)</failure>\n"
            } else if row.inconclusive {
                xml += "      <error type=\"inconclusive\" message=\"\(detail)\">\(detail)</error>\n"
            } else if !row.judged {
                xml += "      <skipped message=\"\(detail)\"/>\n"
            } else {
                xml += "      <system-out>\(detail)</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        for caveat in caveats {
            let detail = XMLText.escape(caveat)
            xml += "    <testcase classname=\"compare.run\" name=\"complete runs\" time=\"0\">\n"
            xml += "      <error type=\"inconclusive\" message=\"\(detail)\">\(detail)</error>\n"
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
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
