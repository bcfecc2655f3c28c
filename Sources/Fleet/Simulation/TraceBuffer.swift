/// The trace lines one ``SimulationCore`` produced during a window, kept until the window's lines of every
/// core are merged into the trace file.
///
/// The trace's order is canonical: by time, then station index, then the order the station sent or
/// received its frames. It does not depend on how the fleet was split between cores or shards, so a trace
/// is the same byte for byte whatever the machine, and the shards' traces merge into the whole's.
struct TraceBuffer {
    struct Line {
        let time: Int64
        let station: Int32
        let start: Int32
        let end: Int32
    }

    private(set) var bytes: [UInt8] = []
    private(set) var lines: [Line] = []

    /// Which way a frame went.
    enum Direction {
        /// Station to CSMS, when the station sent it.
        case out
        /// CSMS to station, when the station received it.
        case into
    }

    /// Appends the line of one frame (``TraceLine``).
    mutating func record(time: Int64, station: Int, id: String, direction: Direction, frame: [UInt8]) {
        let start = bytes.count
        // The frames of a simulation are the package's own, written by its JSON writer.
        frame.withUnsafeBytes { frame in
            TraceLine.append(
                time: time, station: id, outgoing: direction == .out, frame: frame, frameIsJSON: true, to: &bytes)
        }
        lines.append(Line(time: time, station: Int32(station), start: Int32(start), end: Int32(bytes.count)))
    }

    /// Puts the lines in the canonical order: by time, then station, then the order they were recorded
    /// in (which their place in the bytes keeps).
    mutating func sort() {
        lines.sort { ($0.time, $0.station, $0.start) < ($1.time, $1.station, $1.start) }
    }

    /// Empties the buffer, keeping its capacity.
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }
}
