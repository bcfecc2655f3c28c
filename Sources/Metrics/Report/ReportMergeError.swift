/// Reports that cannot be merged into the report of one fleet; the message says which and why.
public struct ReportMergeError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case noReports
        case noHistograms(file: String)
        case differentRuns(file: String, key: String, expected: String, found: String)
        case repeatedShard(file: String, shard: String)
        case missingShards([String])
        case stationsDoNotAddUp(file: String, shard: String, expected: Int, found: Int)
    }

    private let code: Code

    static let noReports = ReportMergeError(code: .noReports)

    static func noHistograms(file: String) -> ReportMergeError {
        ReportMergeError(code: .noHistograms(file: file))
    }

    static func differentRuns(file: String, key: String, expected: String, found: String) -> ReportMergeError {
        ReportMergeError(code: .differentRuns(file: file, key: key, expected: expected, found: found))
    }

    static func repeatedShard(file: String, shard: String) -> ReportMergeError {
        ReportMergeError(code: .repeatedShard(file: file, shard: shard))
    }

    static func missingShards(_ shards: [String]) -> ReportMergeError {
        ReportMergeError(code: .missingShards(shards))
    }

    static func stationsDoNotAddUp(file: String, shard: String, expected: Int, found: Int) -> ReportMergeError {
        ReportMergeError(code: .stationsDoNotAddUp(file: file, shard: shard, expected: expected, found: found))
    }

    public var description: String {
        switch code {
        case .noReports:
            "no report to merge"
        case .noHistograms(let file):
            "\(file): has no histograms (written by an older ocpp-fleet?), so it cannot be merged exactly"
        case .differentRuns(let file, let key, let expected, let found):
            "\(file): not a shard of the same fleet: run.\(key) is \(found), expected \(expected)"
        case .repeatedShard(let file, let shard):
            "\(file): shard \(shard) is given twice"
        case .missingShards(let shards):
            "shard\(shards.count == 1 ? "" : "s") \(shards.joined(separator: ", ")) missing: give the report of every shard"
        case .stationsDoNotAddUp(let file, let shard, let expected, let found):
            "\(file): not a shard of the same fleet: shard \(shard) of this fleet runs \(expected) stations, "
                + "the report has \(found)"
        }
    }
}
