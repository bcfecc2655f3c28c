/// Writes `junit.xml`: one test case per SLO, so CI systems show each objective as a test; a failed
/// objective is a failure whose message holds the measured value.
public enum JUnitReport {
    /// The SLO results of `report` as a JUnit XML document.
    public static func render(_ report: RunReport) -> String {
        let failures = report.slo.filter { !$0.ok }.count
        let time = NumberText.fixed(report.run.durationSeconds, decimals: 3)
        let counts = "tests=\"\(report.slo.count)\" failures=\"\(failures)\" errors=\"0\""
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
