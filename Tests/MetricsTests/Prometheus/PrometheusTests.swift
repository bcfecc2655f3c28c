import Basics
import Foundation
import Synchronization
import Testing

@testable import Metrics

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PrometheusExpositionTests {
    let text = PrometheusExposition.render(ReportFixture.snapshot(), csms: ["messages received": 208])

    var samples: [(name: String, labels: String, value: String)] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let name = line.prefix { $0 != "{" && $0 != " " }
            let labels = line.contains("{") ? String(line[line.firstIndex(of: "{")!...line.firstIndex(of: "}")!]) : ""
            return (String(name), labels, String(line.split(separator: " ").last!))
        }
    }

    @Test func everySampleLineIsANameOptionalLabelsAndANumber() {
        for sample in samples {
            #expect(sample.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(sample.name)")
            #expect(Double(sample.value) != nil || sample.value == "+Inf", "\(sample.value)")
        }
        #expect(text.hasSuffix("\n"))
    }

    @Test func linksClosedAreCountedByCause() {
        let closed = samples.filter { $0.name == "ocpp_fleet_links_closed_total" }
        #expect(closed.map(\.labels) == ["{reason=\"csms_close_1001\"}", "{reason=\"no_close_frame\"}"])
        #expect(closed.map(\.value) == ["1", "1"])
        #expect(samples.first { $0.name == "ocpp_fleet_reconnects_total" }?.value == "2")
    }

    @Test func lostTransactionMessagesAreCountedByReason() {
        var snapshot = ReportFixture.snapshot()
        for reason in ["queue_full", "attempts", "queue_full"] {
            snapshot.transactions.addLost(
                LostMessageRecord(station: "GU0002", action: "MeterValues", transactionId: 3, timestamp: nil, reason: reason))
        }
        let text = PrometheusExposition.render(snapshot)
        #expect(text.contains("# TYPE ocpp_fleet_lost_messages_total counter\n"))
        #expect(text.contains("ocpp_fleet_lost_messages_total{reason=\"attempts\"} 1\n"))
        #expect(text.contains("ocpp_fleet_lost_messages_total{reason=\"queue_full\"} 2\n"))
    }

    @Test func theSendQueueIsWhatEveryLoopsLinksHeldUnsentAtItsLastCollection() {
        var aggregator = MetricsAggregator(loopCount: 2)
        for (loop, bytes) in [(0, 70_000), (1, 5_000)] {
            let recorder = MetricsRecorder()
            recorder.recordSendQueue(bytes: 1, links: 1)
            _ = recorder.collect()
            recorder.recordSendQueue(bytes: bytes, links: loop + 1)
            aggregator.add(recorder.collect(), fromLoop: loop)
        }
        let text = PrometheusExposition.render(aggregator.snapshot())
        #expect(text.contains("# TYPE ocpp_fleet_send_queue_bytes gauge\nocpp_fleet_send_queue_bytes 75000\n"))
        #expect(text.contains("ocpp_fleet_send_queue_links 3\n"))
    }

    @Test func lateAnswersAreCountedByAction() {
        var aggregator = MetricsAggregator(loopCount: 1)
        aggregator.add(LateAnswerTests.recording(), fromLoop: 0)
        let text = PrometheusExposition.render(aggregator.finish())
        #expect(text.contains("ocpp_fleet_late_answers_total{action=\"Heartbeat\"} 1\n"))
    }

    @Test func everySampleBelongsToAFamilyDeclaredOnce() {
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { String($0.split(separator: " ")[2]) }
        #expect(Set(types).count == types.count)
        for sample in samples {
            let family = types.contains(sample.name)
                ? sample.name
                : ["_bucket", "_sum", "_count"].first { sample.name.hasSuffix($0) }.map { String(sample.name.dropLast($0.count)) }
            #expect(family.map(types.contains) == true, "\(sample.name)")
        }
    }

    @Test func latencyBucketsAreCumulativeAndEndAtTheCount() throws {
        let heartbeat = samples.filter { $0.name == "ocpp_fleet_latency_seconds_bucket" && $0.labels.contains("\"Heartbeat\"") }
        let counts = heartbeat.compactMap { UInt64($0.value) }
        #expect(counts.count == PrometheusExposition.bucketBoundsMicros.count + 1)
        #expect(counts == counts.sorted())
        let snapshot = ReportFixture.snapshot()
        let total = try #require(snapshot.actions["Heartbeat"]).latency.totalCount
        #expect(counts.last == total)
        #expect(text.contains("ocpp_fleet_latency_seconds_count{action=\"Heartbeat\"} \(total)\n"))
    }

    @Test func labelsStayBoundedToActionsCodesReasonsAndBuckets() {
        let labelNames = Set(samples.flatMap { sample in
            sample.labels.dropFirst().dropLast().split(separator: ",").map { String($0.prefix { $0 != "=" }) }
        })
        #expect(labelNames.isSubset(of: ["action", "code", "reason", "le"]))
        #expect(text.contains("ocpp_fleet_call_errors_total{action=\"Heartbeat\",code=\"InternalError\"} 2\n"))
        #expect(text.contains("ocpp_fleet_connection_failures_total{reason=\"refused\"} 2\n"))
        #expect(text.contains("ocpp_fleet_csms_messages_received 208\n"))
    }
}

@Suite struct MetricsHTTPServerTests {
    /// Sends one request over loopback and reads the whole response (the server closes after it).
    func fetch(_ path: String, port: UInt16) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        try #require(request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } == request.count)
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<1_000 {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += chunk[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test func theEndpointAnswersAScrapeOverLoopback() throws {
        let exposition = PrometheusExposition.render(ReportFixture.snapshot())
        let server = try MetricsHTTPServer(port: 0) { exposition }
        defer { server.stop() }
        #expect(server.port != 0)
        let response = try fetch("/metrics", port: server.port)
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
        #expect(response.contains("Content-Length: \(exposition.utf8.count)\r\n"))
        #expect(response.hasSuffix("\r\n\r\n" + exposition))
    }

    @Test func otherPathsAreNotFound() throws {
        let server = try MetricsHTTPServer(port: 0) { "" }
        defer { server.stop() }
        #expect(try fetch("/", port: server.port).hasPrefix("HTTP/1.1 404 Not Found\r\n"))
    }

    @Test func eachScrapeAsksForAFreshExposition() throws {
        let scrapes = Atomic<Int>(0)
        let server = try MetricsHTTPServer(port: 0) {
            "scrape \(scrapes.add(1, ordering: .relaxed).newValue)\n"
        }
        defer { server.stop() }
        #expect(try fetch("/metrics", port: server.port).hasSuffix("scrape 1\n"))
        #expect(try fetch("/metrics", port: server.port).hasSuffix("scrape 2\n"))
    }

    @Test func aTakenPortIsReportedWithTheCallThatFailed() throws {
        let first = try MetricsHTTPServer(port: 0) { "" }
        defer { first.stop() }
        #expect {
            try MetricsHTTPServer(port: first.port) { "" }
        } throws: { error in
            (error as? SystemCallError)?.call == "bind"
        }
    }
}
