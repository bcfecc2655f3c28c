/// A JUnit XML document of one test suite, as CI systems read it: the one writer of `junit.xml` for a
/// run's SLOs, a report comparison and a capacity search, so that they agree on the envelope, the counts
/// and the escaping.
public enum JUnitDocument {
    /// How a test case ended.
    public enum Outcome: Sendable {
        /// Passed; `output` says what was measured.
        case passed(output: String)
        /// Failed: `type` names why, `message` says it in a line, `detail` in full.
        case failure(type: String, message: String, detail: String)
        /// Could not decide: `type` names why.
        case error(type: String, message: String, detail: String)
        /// Not judged.
        case skipped(message: String)
    }

    /// One test case.
    public struct TestCase: Sendable {
        public var classname: String
        public var name: String
        /// Its duration in seconds, as written (`0`, `60.000`).
        public var time: String
        public var outcome: Outcome

        public init(classname: String, name: String, time: String = "0", outcome: Outcome) {
            self.classname = classname
            self.name = name
            self.time = time
            self.outcome = outcome
        }
    }

    /// A JUnit XML document of one suite, its counts of failures, errors and skipped cases taken from
    /// `cases`.
    /// - Parameters:
    ///   - name: the name of the `testsuites` element.
    ///   - suite: the name of its one `testsuite`.
    ///   - time: the suite's duration in seconds, as written; `nil` writes no `time` attribute.
    ///   - properties: the suite's properties (name, value), in order.
    public static func render(
        name: String, suite: String, time: String?, properties: [(name: String, value: String)], cases: [TestCase]
    ) -> String {
        var failures = 0
        var errors = 0
        var skipped = 0
        for testCase in cases {
            switch testCase.outcome {
            case .passed: break
            case .failure: failures += 1
            case .error: errors += 1
            case .skipped: skipped += 1
            }
        }
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
        let timeAttribute = time.map { " time=\"\($0)\"" } ?? ""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(XMLText.escape(name))\" \(counts)\(timeAttribute)>\n"
        xml += "  <testsuite name=\"\(XMLText.escape(suite))\" \(counts) skipped=\"\(skipped)\"\(timeAttribute)>\n"
        xml += "    <properties>\n"
        for (name, value) in properties {
            xml += "      <property name=\"\(XMLText.escape(name))\" value=\"\(XMLText.escape(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for testCase in cases {
            xml += "    <testcase classname=\"\(XMLText.escape(testCase.classname))\" "
                + "name=\"\(XMLText.escape(testCase.name))\" time=\"\(testCase.time)\">\n"
            switch testCase.outcome {
            case .passed(let output):
                xml += "      <system-out>\(XMLText.escape(output))</system-out>\n"
            case .failure(let type, let message, let detail):
                xml += "      <failure \(attributes(type, message))>\(XMLText.escape(detail))</failure>\n"
            case .error(let type, let message, let detail):
                xml += "      <error \(attributes(type, message))>\(XMLText.escape(detail))</error>\n"
            case .skipped(let message):
                xml += "      <skipped message=\"\(XMLText.escape(message))\"/>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private static func attributes(_ type: String, _ message: String) -> String {
        "type=\"\(XMLText.escape(type))\" message=\"\(XMLText.escape(message))\""
    }
}
