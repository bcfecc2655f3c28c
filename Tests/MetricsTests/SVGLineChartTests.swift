import Testing

@testable import Metrics

@Suite struct SVGLineChartTests {
    @Test func aShortRunKeepsEverySecondAsAVertex() {
        #expect(SVGLineChart.pointsPerVertex(count: 600) == 1)
        let peaks = SVGLineChart.peaks(seconds: [0, 1, 2], values: [3, 1, 2], group: 1)
        #expect(peaks.map(\.0) == [0, 1, 2])
        #expect(peaks.map(\.1) == [3, 1, 2])
    }

    @Test func aDayLongRunIsDrawnWithAtMostTheMaximumNumberOfVertices() {
        let seconds = Array(0..<86_400)
        let group = SVGLineChart.pointsPerVertex(count: seconds.count)
        let peaks = SVGLineChart.peaks(seconds: seconds, values: seconds.map(Double.init), group: group)
        #expect(peaks.count <= SVGLineChart.maximumVertices)
        #expect(peaks.first?.0 == 0)
    }

    @Test func aOneSecondSpikeSurvivesTheGrouping() {
        var values = [Double](repeating: 1, count: 10_000)
        values[4_321] = 500
        let group = SVGLineChart.pointsPerVertex(count: values.count)
        let peaks = SVGLineChart.peaks(seconds: Array(0..<values.count), values: values, group: group)
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
}
