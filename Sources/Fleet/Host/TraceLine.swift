/// The one line format of a `--trace` file, written by `run` and by `simulate` alike, so that one tool
/// reads both: one JSON object per frame,
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
/// wire when it is a JSON array on one line, and as a JSON string otherwise (a CSMS answering garbage
/// must not break the file). A run over sockets adds `wall`, the wall clock in milliseconds since the Unix
/// epoch (with microseconds); a simulation has no wall clock.
enum TraceLine {
    /// Appends the line of one frame to `buffer`.
    /// - Parameters:
    ///   - time: the frame's time on the plan's calendar (`t`).
    ///   - wallMicros: the wall clock in microseconds since the Unix epoch, or `nil` in virtual time.
    static func append<Frame: BidirectionalCollection<UInt8>>(
        time: Int64, station: String, outgoing: Bool, frame: Frame, wallMicros: Int64? = nil,
        to buffer: inout [UInt8]
    ) {
        appendASCII("{\"t\":", to: &buffer)
        appendASCII(String(time), to: &buffer)
        appendASCII(",\"station\":", to: &buffer)
        appendString(station.utf8, to: &buffer)
        appendASCII(outgoing ? ",\"dir\":\"out\",\"frame\":" : ",\"dir\":\"in\",\"frame\":", to: &buffer)
        if frame.first == UInt8(ascii: "[") && frame.last == UInt8(ascii: "]") && !frame.contains(UInt8(ascii: "\n")) {
            buffer.append(contentsOf: frame)
        } else {
            appendString(frame, to: &buffer)
        }
        if let wallMicros {
            appendASCII(",\"wall\":", to: &buffer)
            appendASCII(String(wallMicros / 1000), to: &buffer)
            buffer.append(UInt8(ascii: "."))
            let micros = String(wallMicros % 1000)
            appendASCII(String(repeating: "0", count: 3 - micros.utf8.count), to: &buffer)
            appendASCII(micros, to: &buffer)
        }
        appendASCII("}\n", to: &buffer)
    }

    private static func appendASCII(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Appends `bytes` as a JSON string, quotes and escapes included.
    private static func appendString<Bytes: Collection<UInt8>>(_ bytes: Bytes, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case 0..<0x20:
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                buffer.append(hexDigits[Int(byte >> 4)])
                buffer.append(hexDigits[Int(byte & 15)])
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
