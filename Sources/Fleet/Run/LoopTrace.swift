/// One loop's share of the `--trace` file: lines are built in a buffer of the loop's own and handed to
/// the ``TraceFile`` in blocks of 64 KiB, so that tracing costs the hot path a copy, not a system call.
///
/// A line is `{"wall":…,"t":…,"station":"…","dir":"out"|"in","frame":…}`: `wall` is the wall clock in
/// milliseconds since the Unix epoch (with microseconds), `t` the station's time on the profile's
/// timeline, `out` is station to CSMS. The frame is written as it went on the wire when it is a JSON
/// array, and as a JSON string otherwise (a CSMS answering garbage must not break the file).
/// Only frames are traced: the upgrade request and its credentials never are.
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
    ///   - nanos: the loops' clock when the frame went or came.
    ///   - stationTime: the station's time then.
    func record<Bytes: BidirectionalCollection<UInt8>>(
        nanos: UInt64, stationTime: Int64, station: String, outgoing: Bool, frame: Bytes
    ) {
        let wall = wallOffsetMicros + Int64(nanos / 1000)
        append("{\"wall\":")
        append(String(wall / 1000))
        buffer.append(UInt8(ascii: "."))
        let micros = String(wall % 1000)
        append(String(repeating: "0", count: 3 - micros.utf8.count))
        append(micros)
        append(",\"t\":")
        append(String(stationTime))
        append(",\"station\":")
        appendString(station.utf8)
        append(outgoing ? ",\"dir\":\"out\",\"frame\":" : ",\"dir\":\"in\",\"frame\":")
        if frame.first == UInt8(ascii: "[") && frame.last == UInt8(ascii: "]") && !frame.contains(UInt8(ascii: "\n")) {
            buffer.append(contentsOf: frame)
        } else {
            appendString(frame)
        }
        append("}\n")
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Hands what is buffered to the file.
    func flush() {
        guard !buffer.isEmpty else { return }
        file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Appends `bytes` as a JSON string, quotes and escapes included.
    private func appendString<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        let hex = Array("0123456789abcdef".utf8)
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case 0..<0x20:
                buffer.append(contentsOf: Array("\\u00".utf8))
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 15)])
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
