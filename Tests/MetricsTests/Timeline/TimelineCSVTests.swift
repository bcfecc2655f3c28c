import Testing

@testable import Metrics

@Suite struct TimelineCSVTests {
    /// A second whose every column differs from the others and from the next second's.
    static func second(_ second: Int) -> TimelinePoint {
        let base = UInt64(second) * 100
        return TimelinePoint(
            second: second, sent: base + 1, answered: base + 2, callErrors: base + 3, timeouts: base + 4,
            connectFailures: base + 5, connected: base + 6, latencyP50: base * 1_000 + 7_001,
            latencyP90: base * 1_000 + 8_002, latencyP99: base * 1_000 + 9_003, latencyMax: base * 1_000 + 10_004,
            connectAttempts: base + 11, accepted: base + 12, refused: base + 13, connectTimeouts: base + 14,
            booted: base + 15)
    }

    /// Two shards' timelines of five seconds in points of two, merged as `report merge` merges them.
    static var merged: Timeline {
        var first = Timeline(grain: 2, points: [])
        var second = Timeline(grain: 2, points: [])
        for index in 0..<5 {
            first.append(Self.second(index))
            second.append(Self.second(index + 10))
        }
        var points = first.points
        for index in points.indices { points[index].add(sameStretchOf: second.points[index]) }
        return Timeline(grain: 2, points: points)
    }

    /// Every column in its place, as the first readers of `timeline.csv` read it: counts added over the
    /// seconds of a point and over shards, links and stations up as at the point's end (added over shards),
    /// the peak the highest second's (added over shards), latencies the highest.
    @Test func eachColumnHoldsItsFigure() {
        #expect(TimelineCSV.render(Self.merged) == """
            second,sent,answered,call_errors,timeouts,connect_failures,connected,latency_p50_ms,latency_p99_ms,seconds,peak_sent,latency_p90_ms,latency_max_ms,connect_attempts,accepted,refused,connect_timeouts,booted
            0,2204,2208,2212,2216,2220,1212,1107.001,1109.003,2,1202,1108.002,1110.004,2244,2248,2252,2256,1230
            2,3004,3008,3012,3016,3020,1612,1307.001,1309.003,2,1602,1308.002,1310.004,3044,3048,3052,3056,1630
            4,1802,1804,1806,1808,1810,1812,1407.001,1409.003,1,1802,1408.002,1410.004,1822,1824,1826,1828,1830

            """)
    }
}
