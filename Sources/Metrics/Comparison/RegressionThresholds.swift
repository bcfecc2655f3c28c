/// How much worse each kind of figure may get before ``ReportComparison`` calls it a regression, as
/// `report compare --max-regression p99=10%,errors=0.1%` states it.
///
/// Latencies, throughput, connected stations and transactions are judged by their relative change (10 %
/// is 10 % slower, or 10 % fewer); error, timeout and connection-failure rates by their change in
/// percentage points (`errors=0.1%` lets 0.2 % become at most 0.3 %), since a relative change of a rate
/// near 0 means nothing.
///
/// ```swift
/// let thresholds = try RegressionThresholds(parsing: "p99=15%,errors=0.5%")
/// thresholds[.p99]      // 0.15
/// thresholds[.p50]      // 0.10, the default
/// ```
public struct RegressionThresholds: Sendable, Equatable, CustomStringConvertible {
    /// A kind of figure with its own threshold.
    public enum Kind: String, Sendable, CaseIterable {
        /// Median latency, per action and of all actions.
        case p50
        /// 99th percentile latency.
        case p99
        /// 99.9th percentile latency (`p99.9` in the option).
        case p999
        /// Calls sent per second.
        case throughput
        /// CallErrors as a share of the calls sent.
        case errors
        /// Calls with no answer in time as a share of the calls sent.
        case timeouts
        /// Failed connection attempts as a share of the attempts.
        case connectFailures = "connect_failures"
        /// Connection time (to the end of the WebSocket handshake), p50 and p99.
        case connectTime = "connect_time"
        /// The most stations connected at once.
        case connected
        /// Transactions started.
        case transactions

        /// Whether the threshold is a change in percentage points rather than a relative change.
        public var isRate: Bool { self == .errors || self == .timeouts || self == .connectFailures }

        /// Whether the threshold is a latency percentile's.
        public var isLatency: Bool { self == .p50 || self == .p99 || self == .p999 }
    }

    /// The defaults: latencies 10 % (p99.9 20 %, as its tail moves more from run to run), throughput,
    /// connected stations and transactions 10 %, errors and timeouts 0.1 points, connection failures
    /// 1 point, connection times 20 %.
    public static let defaults = RegressionThresholds(shares: [
        .p50: 0.10, .p99: 0.10, .p999: 0.20, .throughput: 0.10, .errors: 0.001, .timeouts: 0.001,
        .connectFailures: 0.01, .connectTime: 0.20, .connected: 0.10, .transactions: 0.10,
    ])

    private var shares: [Kind: Double]

    private init(shares: [Kind: Double]) {
        self.shares = shares
    }

    /// Reads a comma-separated list of `KIND=SHARE` (`p99=10%`, `errors=0.1%`, `latency=15%` for the three
    /// percentiles) and of bare shares (`10%`, for every figure judged by its relative change, as the
    /// option meant before it took kinds). What is not named keeps its default.
    /// - Throws: ``RegressionThresholdsError`` naming the part that does not read.
    public init(parsing text: String) throws(RegressionThresholdsError) {
        self = .defaults
        var named: [(kinds: [Kind], share: Double)] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingSpaces()
            guard let equals = item.firstIndex(of: "=") else {
                let share = try Self.share(item, of: item)
                for kind in Kind.allCases where !kind.isRate { shares[kind] = share }
                continue
            }
            let name = item[..<equals].trimmingSpaces().lowercased()
            let kinds: [Kind]
            switch name {
            case "latency": kinds = [.p50, .p99, .p999]
            case "p99.9": kinds = [.p999]
            default:
                guard let kind = Kind(rawValue: name) else {
                    throw RegressionThresholdsError(
                        "unknown figure '\(name)' in '\(item)': expected one of "
                            + (Kind.allCases.map(\.rawValue) + ["p99.9", "latency"]).joined(separator: ", "))
                }
                kinds = [kind]
            }
            named.append((kinds, try Self.share(item[item.index(after: equals)...].trimmingSpaces(), of: item)))
        }
        // A named figure wins over a bare share wherever each stands in the list.
        for (kinds, share) in named {
            for kind in kinds { shares[kind] = share }
        }
    }

    /// The threshold of `kind`, as a share (0.10 for 10 %, 0.001 for 0.1 point of a rate).
    public subscript(kind: Kind) -> Double {
        shares[kind] ?? Self.defaults.shares[kind] ?? 0
    }

    /// The thresholds as the option would state them: `p50=10%,p99=10%,…`.
    public var description: String {
        Kind.allCases.map { "\($0 == .p999 ? "p99.9" : $0.rawValue)=\(Self.percent(self[$0]))" }
            .joined(separator: ",")
    }

    /// A share as a short percentage: `10%`, `0.1%`.
    static func percent(_ share: Double) -> String {
        var text = NumberText.fixed(share * 100, decimals: 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }

    private static func share(_ text: String, of item: String) throws(RegressionThresholdsError) -> Double {
        let percent = text.hasSuffix("%")
        guard let number = Double(percent ? String(text.dropLast()) : text), number.isFinite, number >= 0 else {
            throw RegressionThresholdsError("'\(item)': expected a share such as 10% or 0.1")
        }
        return percent ? number / 100 : number
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
