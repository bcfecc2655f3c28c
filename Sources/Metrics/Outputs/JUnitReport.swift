/// Writes `junit.xml`: one test case for the run itself, which fails when the run was interrupted before
/// its end, then one per SLO, so CI systems show each objective as a test; a failed objective is a failure
/// whose message holds the measured value. A run with no SLO still shows as one test.
public enum JUnitReport {
    /// The run and the SLO results of `report` as a JUnit XML document.
    public static func render(_ report: RunReport) -> String {
        let failures = report.slo.filter { !$0.ok }.count + (report.interrupted ? 1 : 0)
        let time = NumberText.fixed(report.run.durationSeconds, decimals: 3)
        let counts = "tests=\"\(report.slo.count + 1)\" failures=\"\(failures)\" errors=\"0\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"ocpp-fleet\" \(counts) time=\"\(time)\">\n"
        xml += "  <testsuite name=\"SLO\" \(counts) skipped=\"0\" time=\"\(time)\">\n"
        xml += "    <properties>\n"
        for (name, value) in [
            ("seed", String(report.run.seed)), ("stations", String(report.run.stations)),
            ("csms", report.run.csms), ("profile", report.run.profile), ("shard", report.run.shard),
        ] {
            xml += "      <property name=\"\(name)\" value=\"\(XMLText.escape(value))\"/>\n"
        }
        xml += "    </properties>\n"
        xml += "    <testcase classname=\"run\" name=\"run\" time=\"\(time)\">\n"
        if report.interrupted {
            let message = "interrupted before its end: the figures cover only the time it ran"
            xml += "      <failure type=\"interrupted\" message=\"\(message)\">\(message)</failure>\n"
        } else {
            let summary = "\(report.run.stations) stations, \(report.allActions.sent) calls sent, "
                + "\(report.connections.established) links established"
            xml += "      <system-out>\(XMLText.escape(summary))</system-out>\n"
        }
        xml += "    </testcase>\n"
        for result in report.slo {
            let name = XMLText.escape(result.expression)
            xml += "    <testcase classname=\"slo\" name=\"\(name)\" time=\"0\">\n"
            if result.ok {
                xml += "      <system-out>\(XMLText.escape(result.detail))</system-out>\n"
            } else {
                let detail = XMLText.escape(result.detail)
                xml += "      <failure type=\"SLO\" message=\"\(detail)\">\(detail)</failure>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
