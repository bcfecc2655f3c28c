/// One loop's share of the `--trace` file: lines (``TraceLine``, the format `simulate` writes too) are
/// built in a buffer of the loop's own and handed to the ``TraceFile`` in blocks of 64 KiB, so that
/// tracing costs the hot path a copy, not a system call. Only frames are traced: the upgrade request and
/// its credentials never are.
final class LoopTrace {
    private let file: TraceFile
    /// The wall clock, in microseconds since the Unix epoch, at the loops' instant 0.
    private let wallOffsetMicros: Int64
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init(file: TraceFile, wallOffsetMicros: Int64) {
        self.file = file
        self.wallOffsetMicros = wallOffsetMicros
        buffer.reserveCapacity(Self.blockSize + 4096)
    }

    /// Appends the line of one frame.
    /// - Parameters:
    ///   - nanos: the loops' clock when the frame went or came: the line's `wall`.
    ///   - planTime: the station's time then, moved onto the plan's calendar: the line's `t`.
    ///   - frame: the frame's bytes; a station's own are the package's JSON, the CSMS's are checked.
    func record(nanos: UInt64, planTime: Int64, station: String, outgoing: Bool, frame: UnsafeRawBufferPointer) {
        TraceLine.append(
            time: planTime, station: station, outgoing: outgoing, frame: frame, frameIsJSON: outgoing,
            wallMicros: wallOffsetMicros + Int64(nanos / 1000), to: &buffer)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Appends the line of one frame held in an array (the frames a station sends).
    func record(nanos: UInt64, planTime: Int64, station: String, outgoing: Bool, frame: [UInt8]) {
        frame.withUnsafeBytes { record(nanos: nanos, planTime: planTime, station: station, outgoing: outgoing, frame: $0) }
    }

    /// Hands what is buffered to the file.
    func flush() {
        guard !buffer.isEmpty else { return }
        file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
