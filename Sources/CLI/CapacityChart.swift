import Foundation

/// A chart of a capacity search as inline SVG: one figure of every step against its fleet size, a line
/// per series through the steps in size order, each step a dot (red when it failed), and the knee marked
/// between the largest size that passed and the smallest that failed.
struct CapacityChart {
    struct Series {
        var name: String
        var color: String
        /// One value per point, in the points' order.
        var values: [Double]
    }

    struct Point {
        var stations: Int
        var passed: Bool
    }

    var title: String
    var unit: String
    /// The steps, in size order.
    var points: [Point]
    var series: [Series]
    /// The largest size that passed and the smallest that failed, when known.
    var knee: (passed: Int?, failed: Int?)
    /// What the knee's mark says.
    var kneeLabel: String

    private let width = 760.0
    private let height = 260.0
    private let left = 64.0
    private let right = 16.0
    private let top = 36.0
    private let bottom = 36.0

    func render() -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let highest = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let step = Self.niceStep(for: highest)
        let ceiling = max(step * (highest / step).rounded(.up), step)
        let widest = Double(max(points.map(\.stations).max() ?? 1, knee.failed ?? 0, 1))
        let xStep = Self.niceStep(for: widest)
        let xCeiling = max(xStep * (widest / xStep).rounded(.up), xStep)
        func x(_ stations: Double) -> Double { left + stations / xCeiling * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - min(max(value, 0), ceiling) / ceiling * plotHeight }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\""
        svg += " role=\"img\" aria-label=\"\(CapacityJUnit.escape(title))\">\n"
        svg += "<title>\(CapacityJUnit.escape(title))</title>\n"
        svg += "<text class=\"chart-title\" x=\"\(n(left))\" y=\"18\">\(CapacityJUnit.escape(title))</text>\n"
        var tick = 0.0
        while tick <= ceiling + step / 2 {
            svg += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(tick)))\"/>\n"
            svg += "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">"
            svg += "\(Self.compact(tick))\(tick == 0 ? "" : CapacityJUnit.escape(unit))</text>\n"
            tick += step
        }
        var stationsTick = 0.0
        while stationsTick <= xCeiling + xStep / 2 {
            svg += "<text class=\"axis\" x=\"\(n(x(stationsTick)))\" y=\"\(n(height - 20))\" text-anchor=\"middle\">"
            svg += "\(Self.compact(stationsTick))</text>\n"
            stationsTick += xStep
        }
        svg += "<text class=\"axis\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 4))\" text-anchor=\"middle\">stations</text>\n"
        if let passed = knee.passed {
            let upper = Double(knee.failed ?? passed)
            svg += "<rect class=\"knee\" x=\"\(n(x(Double(passed))))\" y=\"\(n(top))\" width=\"\(n(max(x(upper) - x(Double(passed)), 1)))\""
            svg += " height=\"\(n(plotHeight))\" fill=\"#cf222e\" fill-opacity=\"0.12\"/>\n"
            svg += "<line class=\"knee\" x1=\"\(n(x(Double(passed))))\" y1=\"\(n(top))\" x2=\"\(n(x(Double(passed))))\""
            svg += " y2=\"\(n(top + plotHeight))\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text class=\"legend\" x=\"\(n(x(Double(passed)) + 4))\" y=\"\(n(top + 12))\">"
            svg += "\(CapacityJUnit.escape(kneeLabel))</text>\n"
        }
        var legendX = width - right
        for line in series.reversed() {
            legendX -= Double(line.name.count) * 7 + 28
            svg += "<rect x=\"\(n(legendX))\" y=\"10\" width=\"12\" height=\"4\" fill=\"\(line.color)\"/>"
            svg += "<text class=\"legend\" x=\"\(n(legendX + 16))\" y=\"16\">\(CapacityJUnit.escape(line.name))</text>\n"
        }
        for line in series {
            let vertices = zip(points, line.values).map { "\(n(x(Double($0.stations)))),\(n(y($1)))" }
            svg += "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.5\" points=\""
            svg += vertices.joined(separator: " ") + "\"/>\n"
            for (point, value) in zip(points, line.values) {
                let fill = point.passed ? line.color : "#cf222e"
                svg += "<circle cx=\"\(n(x(Double(point.stations))))\" cy=\"\(n(y(value)))\" r=\"3\" fill=\"\(fill)\"/>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// 1, 2 or 5 times a power of ten, giving four or five gridlines up to `highest`.
    static func niceStep(for highest: Double) -> Double {
        guard highest > 0, highest.isFinite else { return 1 }
        let rough = highest / 4
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for factor in [1.0, 2, 5, 10] where power * factor >= rough { return power * factor }
        return power * 10
    }

    /// `1500`, `2.5`, `0.05`.
    static func compact(_ value: Double) -> String {
        String(format: "%g", value)
    }

    private func n(_ value: Double) -> String { String(format: "%.1f", value) }
}
