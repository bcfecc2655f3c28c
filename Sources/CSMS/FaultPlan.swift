/// Which share of the stations' calls the CSMS fails on purpose, to see how a fleet copes with a
/// struggling central system.
///
/// Each decision is drawn from the station's own random stream (seed and station id), so a run with the
/// same seed fails the same calls of the same stations whatever the interleaving of the stations.
public struct FaultPlan: Sendable, Equatable {
    /// Share (0...1) of calls answered with CallError `InternalError`.
    public var internalErrorShare: Double
    /// Share (0...1) of calls left without any answer, so that the station's own timeout fires.
    public var noAnswerShare: Double

    /// No fault: every call gets its proper answer.
    public static let none = FaultPlan(internalErrorShare: 0, noAnswerShare: 0)

    /// - Parameters:
    ///   - internalErrorShare: share (0...1) of calls answered with CallError `InternalError`.
    ///   - noAnswerShare: share (0...1) of calls never answered.
    public init(internalErrorShare: Double = 0, noAnswerShare: Double = 0) {
        self.internalErrorShare = internalErrorShare
        self.noAnswerShare = noAnswerShare
    }

    /// Reads the command line's form: comma-separated `internal-error=P` and `no-answer=P`, where `P` is
    /// a percentage (`2%`) or a share (`0.02`). Example: `internal-error=1%,no-answer=0.5%`.
    /// - Throws: ``FaultPlanError`` naming the part that could not be read.
    public init(parsing text: String) throws(FaultPlanError) {
        self = .none
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard pieces.count == 2, let share = Self.share(pieces[1]) else {
                throw FaultPlanError(part: String(part))
            }
            switch pieces[0] {
            case "internal-error": internalErrorShare = share
            case "no-answer": noAnswerShare = share
            default: throw FaultPlanError(part: String(part))
            }
        }
        guard internalErrorShare + noAnswerShare <= 1 else { throw FaultPlanError(part: text) }
    }

    private static func share(_ text: Substring) -> Double? {
        let isPercent = text.hasSuffix("%")
        guard let value = Double(isPercent ? text.dropLast() : text) else { return nil }
        let share = isPercent ? value / 100 : value
        return (0...1).contains(share) ? share : nil
    }
}

/// A fault specification that could not be read (see ``FaultPlan/init(parsing:)``).
public struct FaultPlanError: Error, Equatable, CustomStringConvertible {
    /// The part of the specification at fault.
    public let part: String

    public var description: String {
        "bad fault '\(part)': expected internal-error=P or no-answer=P with P a percentage or a share, in total at most 100%"
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
