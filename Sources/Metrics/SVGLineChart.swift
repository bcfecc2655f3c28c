/// A line chart over the seconds of a run, as inline SVG: gridlines at round values, time along the bottom,
/// one polyline per series and a legend. No script, no external resource.
struct SVGLineChart {
    struct Series {
        var name: String
        var color: String
        var values: [Double]
    }

    /// An instant marked across the plot (a fault), with its label.
    struct Marker {
        var second: Double
        var label: String
    }

    var title: String
    var unit: String
    var seconds: [Int]
    var series: [Series]
    var markers: [Marker]

    private let width = 760.0
    private let height = 240.0
    private let left = 64.0
    private let right = 16.0
    private let top = 32.0
    private let bottom = 28.0

    init(title: String, unit: String, seconds: [Int], series: [Series], markers: [Marker] = []) {
        self.title = title
        self.unit = unit
        self.seconds = seconds
        self.series = series
        self.markers = markers
    }

    func render() -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let highest = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let step = Self.niceStep(for: highest)
        let ceiling = max(step * (highest / step).rounded(.up), step)
        let first = Double(seconds.first ?? 0)
        let span = max(Double(seconds.last ?? 0) - first, 1)
        func x(_ second: Int) -> Double { left + (Double(second) - first) / span * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - min(max(value, 0), ceiling) / ceiling * plotHeight }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\""
        svg += " role=\"img\" aria-label=\"\(XMLText.escape(title))\">\n"
        svg += "<title>\(XMLText.escape(title))</title>\n"
        svg += "<text class=\"chart-title\" x=\"\(Self.n(left))\" y=\"18\">\(XMLText.escape(title))</text>\n"
        var tick = 0.0
        while tick <= ceiling + step / 2 {
            svg += "<line class=\"grid\" x1=\"\(Self.n(left))\" y1=\"\(Self.n(y(tick)))\" x2=\"\(Self.n(width - right))\""
            svg += " y2=\"\(Self.n(y(tick)))\"/>\n"
            svg += "<text class=\"axis\" x=\"\(Self.n(left - 6))\" y=\"\(Self.n(y(tick) + 4))\" text-anchor=\"end\">"
            svg += "\(NumberText.compact(tick))\(tick == 0 ? "" : XMLText.escape(unit))</text>\n"
            tick += step
        }
        for second in Self.timeTicks(from: Int(first), span: Int(span)) {
            svg += "<text class=\"axis\" x=\"\(Self.n(x(second)))\" y=\"\(Self.n(height - 8))\" text-anchor=\"middle\">"
            svg += "\(Self.clock(second))</text>\n"
        }
        var legendX = width - right
        for line in series.reversed() {
            legendX -= Double(line.name.count) * 7 + 28
            svg += "<rect x=\"\(Self.n(legendX))\" y=\"10\" width=\"12\" height=\"4\" fill=\"\(line.color)\"/>"
            svg += "<text class=\"legend\" x=\"\(Self.n(legendX + 16))\" y=\"16\">\(XMLText.escape(line.name))</text>\n"
        }
        let group = Self.pointsPerVertex(count: seconds.count)
        for line in series {
            let points = Self.peaks(seconds: seconds, values: line.values, group: group)
                .map { "\(Self.n(x($0))),\(Self.n(y($1)))" }
            svg += "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.5\" points=\""
            svg += points.joined(separator: " ") + "\"/>\n"
        }
        for marker in markers {
            let markerX = Self.n(left + min(max((marker.second - first) / span, 0), 1) * plotWidth)
            svg += "<line class=\"marker\" x1=\"\(markerX)\" y1=\"\(Self.n(top))\" x2=\"\(markerX)\" "
            svg += "y2=\"\(Self.n(top + plotHeight))\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>"
            svg += "<text class=\"marker-label\" x=\"\(markerX)\" y=\"\(Self.n(top + 10))\" dx=\"3\">"
            svg += "\(XMLText.escape(marker.label))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// 1, 2 or 5 times a power of ten, giving four or five gridlines up to `highest`.
    /// A chart is 760 units wide: more vertices than about two per unit cannot be seen, only downloaded
    /// (a 24 h simulation has 86,400 seconds).
    static let maximumVertices = 1_500

    /// How many consecutive seconds one vertex of a polyline stands for.
    static func pointsPerVertex(count: Int) -> Int {
        max(1, (count + maximumVertices - 1) / maximumVertices)
    }

    /// Each group of `group` seconds as one vertex at its first second with its highest value, so that a
    /// one-second spike of latency or errors still shows on a long run.
    static func peaks(seconds: [Int], values: [Double], group: Int) -> [(Int, Double)] {
        let count = min(seconds.count, values.count)
        return stride(from: 0, to: count, by: group).map { start in
            let end = min(start + group, count)
            return (seconds[start], values[start..<end].max() ?? 0)
        }
    }

    static func niceStep(for highest: Double) -> Double {
        guard highest > 0, highest.isFinite else { return 1 }
        let rough = highest / 4
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for factor in [1.0, 2, 5, 10] where power * factor >= rough { return power * factor }
        return power * 10
    }

    /// Up to six round instants (in seconds) across the run.
    static func timeTicks(from first: Int, span: Int) -> [Int] {
        let steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
        let step = steps.first { span / $0 <= 6 } ?? max(span / 6, 1)
        let start = (first + step - 1) / step * step
        return Array(stride(from: start, through: first + span, by: step))
    }

    /// `42s`, `3m20s`, `1h05m`.
    static func clock(_ second: Int) -> String {
        if second < 60 { return "\(second)s" }
        if second < 3600 { return second % 60 == 0 ? "\(second / 60)m" : "\(second / 60)m\(second % 60)s" }
        let minutes = second / 60 % 60
        return "\(second / 3600)h" + (minutes < 10 ? "0" : "") + "\(minutes)m"
    }

    private static func n(_ value: Double) -> String { NumberText.fixed(value, decimals: 1) }
}
