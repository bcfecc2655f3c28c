/// A line chart as inline SVG: gridlines at round values, the x-axis along the bottom (the seconds of a
/// run, or a figure such as stations or msgs/s), one polyline per series, optionally a dot per point, a
/// legend, and markers (a fault's instant, a capacity's knee). No script, no external resource.
public struct SVGLineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var color: String
        /// One value per x, in the same order.
        public var values: [Double]

        public init(name: String, color: String, values: [Double]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    /// A place marked across the plot with its label: a line at `at` (a fault's start), and with `until`
    /// a shaded band up to there (the gap between the largest size that passed and the smallest that failed).
    public struct Marker: Sendable {
        public var at: Double
        public var until: Double?
        public var label: String

        public init(at: Double, until: Double? = nil, label: String) {
            self.at = at
            self.until = until
            self.label = label
        }
    }

    /// What runs along the bottom.
    public enum XAxis: Sendable, Equatable {
        /// The seconds of a run, from its first to its last, labelled as clock times (`3m20s`).
        case time
        /// A figure from zero (stations, msgs/s), labelled with round values and named under the axis.
        case quantity(String)
    }

    /// A point's dot: in its series' colour, or red for a point that failed (a capacity step).
    public enum Dot: Sendable {
        case passed
        case failed
    }

    public var title: String
    public var unit: String
    public var xAxis: XAxis
    /// The x of every point, ascending.
    public var xs: [Double]
    public var series: [Series]
    public var markers: [Marker]
    /// A dot per point, or nil for lines alone.
    public var dots: [Dot]?

    private let width = 760.0
    private let right = 16.0
    private let left = 64.0
    private let top = 32.0
    private var height: Double { xAxis == .time ? 240 : 256 }
    private var bottom: Double { xAxis == .time ? 28 : 44 }

    /// A chart over the seconds of a run.
    public init(title: String, unit: String, seconds: [Int], series: [Series], markers: [Marker] = []) {
        self.init(
            title: title, unit: unit, xAxis: .time, xs: seconds.map(Double.init), series: series, markers: markers)
    }

    public init(
        title: String, unit: String, xAxis: XAxis, xs: [Double], series: [Series], markers: [Marker] = [],
        dots: [Dot]? = nil
    ) {
        self.title = title
        self.unit = unit
        self.xAxis = xAxis
        self.xs = xs
        self.series = series
        self.markers = markers
        self.dots = dots
    }

    public func render() -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let highest = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let step = Self.niceStep(for: highest)
        let ceiling = max(step * (highest / step).rounded(.up), step)
        let (first, span) = xRange()
        func x(_ value: Double) -> Double { left + min(max((value - first) / span, 0), 1) * plotWidth }
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
        let tickY = Self.n(height - bottom + 20)
        for (value, label) in xTicks(first: first, span: span) {
            svg += "<text class=\"axis\" x=\"\(Self.n(x(value)))\" y=\"\(tickY)\" text-anchor=\"middle\">\(label)</text>\n"
        }
        if case .quantity(let name) = xAxis {
            svg += "<text class=\"axis\" x=\"\(Self.n(left + plotWidth / 2))\" y=\"\(Self.n(height - 4))\""
            svg += " text-anchor=\"middle\">\(XMLText.escape(name))</text>\n"
        }
        for marker in markers {
            let markerX = Self.n(x(marker.at))
            if let until = marker.until {
                svg += "<rect class=\"marker-band\" x=\"\(markerX)\" y=\"\(Self.n(top))\""
                svg += " width=\"\(Self.n(max(x(until) - x(marker.at), 1)))\" height=\"\(Self.n(plotHeight))\""
                svg += " fill=\"#cf222e\" fill-opacity=\"0.12\"/>\n"
            }
            svg += "<line class=\"marker\" x1=\"\(markerX)\" y1=\"\(Self.n(top))\" x2=\"\(markerX)\" "
            svg += "y2=\"\(Self.n(top + plotHeight))\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>"
            svg += "<text class=\"marker-label\" x=\"\(markerX)\" y=\"\(Self.n(top + 10))\" dx=\"3\">"
            svg += "\(XMLText.escape(marker.label))</text>\n"
        }
        var legendX = width - right
        for line in series.reversed() {
            legendX -= Double(line.name.count) * 7 + 28
            svg += "<rect x=\"\(Self.n(legendX))\" y=\"10\" width=\"12\" height=\"4\" fill=\"\(line.color)\"/>"
            svg += "<text class=\"legend\" x=\"\(Self.n(legendX + 16))\" y=\"16\">\(XMLText.escape(line.name))</text>\n"
        }
        // Dots stand for points one by one, so a chart with dots keeps every point.
        let group = dots == nil ? Self.pointsPerVertex(count: xs.count) : 1
        for line in series {
            let points = Self.peaks(xs: xs, values: line.values, group: group)
                .map { "\(Self.n(x($0))),\(Self.n(y($1)))" }
            svg += "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.5\" points=\""
            svg += points.joined(separator: " ") + "\"/>\n"
            for (index, dot) in (dots ?? []).enumerated() where index < min(xs.count, line.values.count) {
                let fill = dot == .passed ? line.color : "#cf222e"
                svg += "<circle cx=\"\(Self.n(x(xs[index])))\" cy=\"\(Self.n(y(line.values[index])))\" r=\"3\""
                svg += " fill=\"\(fill)\"/>\n"
            }
        }
        svg += "</svg>\n"
        return svg
    }

    /// Where the x-axis starts and how long it is: a run's first to last second, or zero to a round value
    /// past the largest x and marker.
    private func xRange() -> (first: Double, span: Double) {
        switch xAxis {
        case .time:
            let first = xs.first ?? 0
            return (first, max((xs.last ?? 0) - first, 1))
        case .quantity:
            let widest = (xs + markers.flatMap { [$0.at, $0.until ?? 0] }).filter(\.isFinite).max() ?? 0
            let step = Self.niceStep(for: widest)
            return (0, max(step * (widest / step).rounded(.up), step))
        }
    }

    /// The x-axis' labels and where they stand.
    private func xTicks(first: Double, span: Double) -> [(Double, String)] {
        switch xAxis {
        case .time:
            return Self.timeTicks(from: Int(first), span: Int(span)).map { (Double($0), Self.clock($0)) }
        case .quantity:
            let step = Self.niceStep(for: span)
            return stride(from: 0, through: span + step / 2, by: step).map { ($0, NumberText.compact($0)) }
        }
    }

    /// A chart is 760 units wide: more vertices than about two per unit cannot be seen, only downloaded
    /// (a 24 h simulation has 86,400 seconds).
    static let maximumVertices = 1_500

    /// How many consecutive points one vertex of a polyline stands for.
    static func pointsPerVertex(count: Int) -> Int {
        max(1, (count + maximumVertices - 1) / maximumVertices)
    }

    /// Each group of `group` points as one vertex at its first x with its highest value, so that a
    /// one-second spike of latency or errors still shows on a long run.
    static func peaks(xs: [Double], values: [Double], group: Int) -> [(Double, Double)] {
        let count = min(xs.count, values.count)
        return stride(from: 0, to: count, by: group).map { start in
            let end = min(start + group, count)
            return (xs[start], values[start..<end].max() ?? 0)
        }
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
