import Foundation
import OCPP
import Testing
import TestSupport

@Suite struct SchemaConformanceTests {
    @Test func everyActionOfBothDirectionsHasARequestAndAResponseSample() {
        let schemas = Set(Samples.all.map(\.schema))
        for action in Action.allCases {
            #expect(schemas.contains(action.rawValue), "no request sample for \(action)")
            #expect(schemas.contains(action.rawValue + "Response"), "no response sample for \(action)")
        }
    }

    @Test func everySampleEncodesToJSONThatTheOfficialSchemaAccepts() async throws {
        var input = Data()
        for sample in Samples.all {
            input.append(Data("[\"\(sample.schema)\",".utf8))
            input.append(Data(sample.json))
            input.append(Data("]\n".utf8))
        }
        let run = try await PythonPeer.run(script: "Tests/OCPPTests/Peers/validate_payloads.py", input: input)
        try #require(run.status == 0, "validator failed: \(run.stderr)")
        let verdicts = run.stdout.split(separator: "\n")
        try #require(verdicts.count == Samples.all.count, "\(run.stdout)\n\(run.stderr)")
        for (sample, verdict) in zip(Samples.all, verdicts) {
            #expect(verdict == "ok", "\(sample): \(verdict)")
        }
    }

    @Test(arguments: Samples.all)
    func everySampleDecodesBackToAnEqualValue(sample: Sample) {
        #expect(sample.decodesBackEqual())
    }
}
