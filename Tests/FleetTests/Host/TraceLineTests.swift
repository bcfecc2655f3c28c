import Foundation
import Testing

@testable import Fleet

/// The one trace line format: what `run`'s writer and `simulate`'s writer put in a file, read back by
/// ``TraceLine`` and by an independent JSON parser (Foundation's).
@Suite struct TraceLineTests {
    /// A quote, a backslash, control characters (one with a short escape, one without) and non-ASCII.
    static let awkwardID = "GU\"1\\2\u{01}\t-Bornë-充電"
    static let heartbeat = Array(#"[2,"17","Heartbeat",{}]"#.utf8)
    static let planTime: Int64 = 1_767_600_090_012

    /// The one object of a one-line file, as Foundation's parser reads it.
    static func foundationObject(_ bytes: [UInt8]) throws -> [String: Any] {
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(bytes.dropLast().contains(UInt8(ascii: "\n")) == false)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trace-line-\(UUID().uuidString).jsonl").path
    }

    /// One line through ``TraceLine``'s writer, for a frame from a peer (checked).
    static func line(frame: [UInt8], wallMicros: Int64? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        frame.withUnsafeBytes {
            TraceLine.append(
                time: planTime, station: "GU000001", outgoing: false, frame: $0, frameIsJSON: false,
                wallMicros: wallMicros, to: &bytes)
        }
        return bytes
    }

    @Test("simulate's writer escapes an awkward station id: the line is JSON and holds the same id")
    func awkwardIDInASimulationTrace() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var buffer = TraceBuffer()
        buffer.record(time: Self.planTime, station: 0, id: Self.awkwardID, direction: .out, frame: Self.heartbeat)
        let writer = try TraceWriter(path: path)
        writer.write(merging: [buffer])
        writer.close()
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))

        #expect(try Self.foundationObject(bytes)["station"] as? String == Self.awkwardID)
        #expect(try TraceLine.parseAll(bytes) == [
            TraceLine(time: Self.planTime, station: Self.awkwardID, direction: .out, frame: Self.heartbeat)
        ])
    }

    @Test("run's writer escapes an awkward station id: the line is JSON and holds the same id")
    func awkwardIDInARunTrace() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try TraceFile(path: path)
        let trace = LoopTrace(file: file, wallOffsetMicros: 1_796_400_000_000_000)
        trace.record(nanos: 12_345_678_000, planTime: Self.planTime, station: Self.awkwardID, outgoing: true, frame: Self.heartbeat)
        trace.flush()
        file.close()
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))

        #expect(try Self.foundationObject(bytes)["station"] as? String == Self.awkwardID)
        #expect(try TraceLine.parseAll(bytes) == [
            TraceLine(
                time: Self.planTime, station: Self.awkwardID, direction: .out, frame: Self.heartbeat,
                wallMillis: 1_796_400_012_345.678)
        ])
    }

    @Test("a CSMS's frame that is one JSON array on one line is written as it went on the wire")
    func wellFormedFrameFromAPeer() throws {
        let frame = Array(#"[3,"17",{"currentTime":"2026-01-05T08:01:30.012Z","note":"é\"\\"}]"#.utf8)
        let bytes = Self.line(frame: frame)

        #expect(try Self.foundationObject(bytes)["frame"] is [Any])
        #expect(bytes.firstRange(of: frame) != nil)
        #expect(try TraceLine.parse(Array(bytes.dropLast())).frame == frame)
    }

    @Test(
        "a CSMS's frame that is no JSON array on one line is written as a string and read back as it went",
        arguments: [
            "not JSON", "[}]", "[3,\"17\",{}", "[3,\"17\",{}]]", "[3,\"17\",\n{}]", "[3,\"17\",\r{}]",
            "{\"a\":1}", "[2,\"1\",\"Heartbeat\",{}] trailing", "",
        ])
    func malformedFrameFromAPeer(_ text: String) throws {
        let frame = Array(text.utf8)
        let bytes = Self.line(frame: frame)

        #expect(try Self.foundationObject(bytes)["frame"] as? String == text)
        #expect(try TraceLine.parse(Array(bytes.dropLast())).frame == frame)
    }

    @Test("a run's line says the wall clock in milliseconds, with its microseconds")
    func wallClock() throws {
        let bytes = Self.line(frame: Self.heartbeat, wallMicros: 1_796_400_012_345_678)

        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(#","wall":1796400012345.678}"# + "\n"))
        #expect(try TraceLine.parse(Array(bytes.dropLast())).wallMillis == 1_796_400_012_345.678)
    }

    @Test("a simulation's line has no wall clock")
    func noWallClockInVirtualTime() throws {
        let bytes = Self.line(frame: Self.heartbeat)

        #expect(try Self.foundationObject(bytes)["wall"] == nil)
        #expect(try TraceLine.parse(Array(bytes.dropLast())).wallMillis == nil)
    }

    @Test("the reader names the first line that is not a trace line")
    func badLineIsNamed() throws {
        let good = Self.line(frame: Self.heartbeat)
        let text = good + good + Array(#"{"t":1,"station":"GU000001","frame":[]}"#.utf8) + [UInt8(ascii: "\n")] + good

        let error = #expect(throws: (any Error).self) { try TraceLine.parseAll(text) }
        #expect("\(error!)".contains("line 3"), "\(error!)")
        #expect("\(error!)".contains("\"dir\""), "\(error!)")
    }
}
