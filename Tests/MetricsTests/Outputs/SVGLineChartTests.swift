import Foundation
import Testing

@testable import Metrics

@Suite struct SVGLineChartTests {
    @Test func aShortRunKeepsEverySecondAsAVertex() {
        #expect(SVGLineChart.pointsPerVertex(count: 600) == 1)
        let peaks = SVGLineChart.peaks(xs: [0, 1, 2], values: [3, 1, 2], group: 1)
        #expect(peaks.map(\.0) == [0, 1, 2])
        #expect(peaks.map(\.1) == [3, 1, 2])
    }

    @Test func aDayLongRunIsDrawnWithAtMostTheMaximumNumberOfVertices() {
        let seconds = (0..<86_400).map(Double.init)
        let group = SVGLineChart.pointsPerVertex(count: seconds.count)
        let peaks = SVGLineChart.peaks(xs: seconds, values: seconds, group: group)
        #expect(peaks.count <= SVGLineChart.maximumVertices)
        #expect(peaks.first?.0 == 0)
    }

    @Test func aOneSecondSpikeSurvivesTheGrouping() {
        var values = [Double](repeating: 1, count: 10_000)
        values[4_321] = 500
        let group = SVGLineChart.pointsPerVertex(count: values.count)
        let peaks = SVGLineChart.peaks(xs: (0..<values.count).map(Double.init), values: values, group: group)
        #expect(peaks.map(\.1).max() == 500)
    }

    @Test func theRenderedChartHasOneVertexPerGroup() {
        let seconds = Array(0..<6_000)
        let chart = SVGLineChart(
            title: "t", unit: "", seconds: seconds,
            series: [.init(name: "s", color: "#000", values: seconds.map(Double.init))])
        let points = chart.render().split(separator: "points=\"")[1].split(separator: "\"")[0]
        #expect(points.split(separator: " ").count == 6_000 / SVGLineChart.pointsPerVertex(count: 6_000))
    }

    @Test func aQuantityAxisStartsAtZeroAndIsNamedUnderTheChart() {
        let chart = SVGLineChart(
            title: "t", unit: " ms", xAxis: .quantity("stations"), xs: [100, 200, 300],
            series: [.init(name: "p99", color: "#000", values: [5, 40, 250])])
        let svg = chart.render()
        // The x-axis runs from 0 to a round value at or past the largest x.
        #expect(svg.contains(">100</text>"))
        #expect(svg.contains(">300</text>"))
        #expect(svg.contains(">stations</text>"))
    }

    @Test func dotsMarkEveryPointAndAFailedOneIsRed() {
        let chart = SVGLineChart(
            title: "t", unit: "", xAxis: .quantity("stations"), xs: [100, 200, 300],
            series: [
                .init(name: "a", color: "#000", values: [1, 2, 3]), .init(name: "b", color: "#111", values: [3, 2, 1]),
            ],
            dots: [.passed, .passed, .failed])
        let svg = chart.render()
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 6)
        #expect(svg.components(separatedBy: "fill=\"#cf222e\"/>").count - 1 == 2)
    }

    @Test func aMarkerWithAnEndShadesTheBandBetweenWithItsLabel() {
        let chart = SVGLineChart(
            title: "t", unit: "", xAxis: .quantity("msgs/s"), xs: [1_000, 2_000],
            series: [.init(name: "a", color: "#000", values: [1, 2])],
            markers: [.init(at: 1_000, until: 2_000, label: "knee: 1000 msgs/s")])
        let svg = chart.render()
        #expect(svg.contains("class=\"marker-band\""))
        #expect(svg.contains(">knee: 1000 msgs/s</text>"))
    }

    @Test func aTimeAxisIsLabelledWithClockTimes() {
        let chart = SVGLineChart(
            title: "t", unit: "", seconds: Array(0...600), series: [.init(name: "a", color: "#000", values: [])])
        #expect(chart.render().contains(">10m</text>"))
    }
}
