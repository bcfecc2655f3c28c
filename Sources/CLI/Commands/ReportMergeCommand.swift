import Foundation
import Metrics

/// `ocpp-fleet report merge`: the reports of several shards as one.
struct ReportMergeCommand: Command {
    static let configuration = CommandConfiguration(
        path: ["report", "merge"],
        abstract: "Merge the reports of several shards (--shard I/N) into one report.",
        arguments: "DIR...",
        options: [out]
    )

    static let out = Option(
        "--out", "DIR", help: "Where to write the merged report", default: .required,
        as: { text throws(ValueError) in text })

    var inputs: [String]
    var output: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard !arguments.positionals.isEmpty else {
            throw UsageError("missing DIR...: the report folders to merge", command: "report merge")
        }
        output = try arguments.value(Self.out)
        inputs = arguments.positionals
    }

    /// Reads every shard's report.json, merges them and writes the four report files; a report that
    /// cannot be read or merged is exit 2, with the file and what is wrong.
    func run() async throws -> ExitCode {
        var reports: [(file: String, report: RunReport)] = []
        for input in inputs {
            let file = Self.reportFile(in: input)
            reports.append((file, try ReportJSONReader.read(file: file)))
        }
        let merged = try ReportMerge.merge(reports)
        do {
            try ReportDirectory(URL(fileURLWithPath: output)).write(merged)
        } catch {
            Output.error("error: cannot write the report into \(output): \(error)")
            return .badInput
        }
        Output.standard(SummaryTable.render(merged))
        Output.error("merged \(reports.count) shard reports into \(output)/")
        return .ok
    }

    /// A folder's `report.json`, or the file itself when a JSON file is named.
    private static func reportFile(in input: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), !isDirectory.boolValue {
            return input
        }
        return URL(fileURLWithPath: input).appendingPathComponent("report.json").path
    }
}
