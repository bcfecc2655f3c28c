/// Writes `junit.xml`: one test case for the run itself, which fails when the run was interrupted before
/// its end, then one per SLO, so CI systems show each objective as a test; a failed objective is a failure
/// whose message holds the measured value. A run with no SLO still shows as one test.
public enum JUnitReport {
    /// The run and the SLO results of `report` as a JUnit XML document.
    public static func render(_ report: RunReport) -> String {
        let time = NumberText.fixed(report.run.durationSeconds, decimals: 3)
        let run: JUnitDocument.Outcome
        if report.interrupted {
            let message = "interrupted before its end: the figures cover only the time it ran"
            run = .failure(type: "interrupted", message: message, detail: message)
        } else {
            run = .passed(
                output: "\(report.run.stations) stations, \(report.allActions.sent) calls sent, "
                    + "\(report.connections.established) links established")
        }
        let slos = report.slo.map { result in
            JUnitDocument.TestCase(
                classname: "slo", name: result.expression,
                outcome: result.ok
                    ? .passed(output: result.detail)
                    : .failure(type: "SLO", message: result.detail, detail: result.detail))
        }
        return JUnitDocument.render(
            name: "ocpp-fleet", suite: "SLO", time: time,
            properties: [
                ("seed", String(report.run.seed)), ("stations", String(report.run.stations)),
                ("csms", report.run.csms), ("profile", report.run.profile), ("shard", report.run.shard),
            ],
            cases: [JUnitDocument.TestCase(classname: "run", name: "run", time: time, outcome: run)] + slos
        )
    }
}
