#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// One line of a `--trace` file, in the one format that `run` and `simulate` both write, so that one
/// reader (``parse(_:)``) reads both: one JSON object per frame,
///
/// ```
/// {"t":1767600090012,"station":"GU000001","dir":"out","frame":[2,"5193…","BootNotification",{…}]}
/// {"t":1767600090016,"station":"GU000001","dir":"in","frame":[3,"5193…",{"status":"Accepted",…}],"wall":1796400012345.678}
/// ```
///
/// `t` is the time on the plan's calendar (the profile's timeline), in milliseconds since the Unix epoch:
/// virtual time in a simulation, the station's clock moved back onto the plan's calendar over sockets, so
/// that the traces of one plan through both engines line up. `out` is station to CSMS, when the station
/// sent it; `in` is CSMS to station, when the station received it. The frame is written as it went on the
/// wire when it is one JSON array with no line break, and as a JSON string otherwise (a CSMS answering
/// garbage must not break the file). A run over sockets adds `wall`, the wall clock in milliseconds since
/// the Unix epoch (with microseconds); a simulation has no wall clock. Every line is written by the
/// package's one JSON writer, so a station id is escaped as any JSON string is.
public struct TraceLine: Sendable, Equatable {
    /// Which way a frame went.
    public enum Direction: String, Sendable {
        /// Station to CSMS, when the station sent it.
        case out
        /// CSMS to station, when the station received it.
        case `in`
    }

    /// The frame's time on the plan's calendar, in milliseconds since the Unix epoch (`t`).
    public let time: Int64
    /// The station's id (`station`).
    public let station: String
    /// Which way the frame went (`dir`).
    public let direction: Direction
    /// The frame's bytes as they went on the wire (`frame`, its string's text when it was written as one).
    public let frame: [UInt8]
    /// The wall clock when the frame went or came, in milliseconds since the Unix epoch (`wall`); `nil`
    /// in a simulation.
    public let wallMillis: Double?

    /// A line with these fields.
    public init(time: Int64, station: String, direction: Direction, frame: [UInt8], wallMillis: Double? = nil) {
        self.time = time
        self.station = station
        self.direction = direction
        self.frame = frame
        self.wallMillis = wallMillis
    }

    // MARK: Writing

    /// Appends the line of one frame to `buffer`, newline included.
    /// - Parameters:
    ///   - time: the frame's time on the plan's calendar (`t`).
    ///   - frame: the frame's bytes as they went on the wire.
    ///   - frameIsJSON: whether `frame` is known to be JSON text, as the package's writer makes every frame
    ///     of its own; the grammar of a frame from a peer is checked before it is written as it went.
    ///   - wallMicros: the wall clock in microseconds since the Unix epoch, or `nil` in virtual time.
    static func append(
        time: Int64, station: String, outgoing: Bool, frame: UnsafeRawBufferPointer, frameIsJSON: Bool,
        wallMicros: Int64? = nil, to buffer: inout [UInt8]
    ) {
        // The names are typed StaticString: a bare literal would pick the writer's slower `String` overload.
        JSONWriter.append(to: &buffer) { writer in
            writer.beginObject()
            writer.key("t" as StaticString)
            writer.int(Int(time))
            writer.key("station" as StaticString)
            writer.string(station)
            writer.key("dir" as StaticString)
            let direction: StaticString = outgoing ? "out" : "in"
            writer.unescapedString {
                $0.append(contentsOf: UnsafeBufferPointer(start: direction.utf8Start, count: direction.utf8CodeUnitCount))
            }
            writer.key("frame" as StaticString)
            if isOneLineArray(frame, checkingGrammar: !frameIsJSON) {
                writer.raw(frame)
            } else {
                writer.string(String(decoding: frame, as: UTF8.self))
            }
            if let wallMicros {
                writer.key("wall" as StaticString)
                writer.double(Double(wallMicros) / 1000)
            }
            writer.endObject()
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Whether `frame` is one JSON array on one line: a line break inside it, even as JSON whitespace,
    /// would split the trace's line. The grammar (and UTF-8) is checked only when `checkingGrammar`.
    private static func isOneLineArray(_ frame: UnsafeRawBufferPointer, checkingGrammar: Bool) -> Bool {
        let bytes = frame.bindMemory(to: UInt8.self)
        // memchr: the C library's vector search, several times quicker than a loop over the bytes.
        guard let base = bytes.baseAddress, bytes.first == UInt8(ascii: "["),
            memchr(base, 0x0A, bytes.count) == nil, memchr(base, 0x0D, bytes.count) == nil
        else { return false }
        guard checkingGrammar else { return true }
        var reader = JSONReader(base: base, start: 0, end: bytes.count)
        do {
            try reader.skipValue()
            return reader.isAtEnd
        } catch {
            return false
        }
    }

    // MARK: Reading

    /// Reads one line of a trace (without its newline).
    /// - Throws: A ``JSONError`` that says where the line is not JSON, or which member is missing or of
    ///   the wrong kind.
    public static func parse(_ line: [UInt8]) throws(JSONError) -> TraceLine {
        try JSONReader.withReader(over: line) { (reader) throws(JSONError) -> TraceLine in
            let line = try read(&reader)
            guard reader.isAtEnd else { throw reader.failure(expected: "the end of the line") }
            return line
        }
    }

    /// Reads every line of a trace's text, in order; a last line without its newline is read too.
    /// - Throws: A ``JSONError`` whose position is the first bad line's, counted from the text's start.
    public static func parseAll(_ text: [UInt8]) throws(JSONError) -> [TraceLine] {
        try text.withUnsafeBufferPointer { (bytes) throws(JSONError) -> [TraceLine] in
            var lines: [TraceLine] = []
            var lineStart = 0
            while let base = bytes.baseAddress, lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                // Starting at the text's first byte, the reader counts an error's line from there.
                var reader = JSONReader(base: base, start: 0, end: lineEnd)
                reader.index = lineStart
                lines.append(try read(&reader))
                guard reader.isAtEnd else { throw reader.failure(expected: "the end of the line") }
                lineStart = lineEnd + 1
            }
            return lines
        }
    }

    /// Reads one line's object, its members in any order.
    private static func read(_ reader: inout JSONReader) throws(JSONError) -> TraceLine {
        let opening = reader.index
        var time: Int64?
        var station: String?
        var direction: Direction?
        var frame: [UInt8]?
        var wall: Double?
        var object = try reader.beginObject()
        while let key = try reader.nextMember(in: &object) {
            _ = reader.peek()
            let valueStart = reader.index
            if reader.matches(key, "t") {
                guard let whole = Int64(exactly: try reader.readNumber()) else {
                    throw reader.failure(expected: "a whole number of milliseconds", at: valueStart)
                }
                time = whole
            } else if reader.matches(key, "station") {
                station = try reader.readString()
            } else if reader.matches(key, "dir") {
                let text = try reader.readString()
                guard let value = Direction(rawValue: text) else {
                    throw reader.failure(expected: "\"out\" or \"in\"", at: valueStart)
                }
                direction = value
            } else if reader.matches(key, "frame") {
                if reader.peek() == UInt8(ascii: "[") {
                    let start = reader.index
                    try reader.skipValue()
                    frame = Array(UnsafeBufferPointer(start: reader.base + start, count: reader.index - start))
                } else {
                    frame = Array(try reader.readString().utf8)
                }
            } else if reader.matches(key, "wall") {
                wall = try reader.readNumber()
            } else {
                try reader.skipValue()
            }
        }
        guard let time, let station, let direction, let frame else {
            let missing: StaticString =
                time == nil
                ? "a member \"t\" in the line" : station == nil
                ? "a member \"station\" in the line" : direction == nil
                ? "a member \"dir\" in the line" : "a member \"frame\" in the line"
            throw reader.failure(expected: missing, at: opening)
        }
        return TraceLine(time: time, station: station, direction: direction, frame: frame, wallMillis: wall)
    }
}
