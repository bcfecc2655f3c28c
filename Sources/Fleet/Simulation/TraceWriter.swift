#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the message trace of a simulation, in the line format of every trace (``TraceLine``): lines
/// come from the cores' ``TraceBuffer``s, merged in the canonical order.
final class TraceWriter {
    private let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16
    private(set) var failure: SimulationError?

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(SimulationError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SimulationError.trace(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.reserveCapacity(Self.blockSize * 2)
    }

    deinit {
        flush()
        close(descriptor)
    }

    /// Merges the buffers' lines (each buffer sorted, buffers in station order) and writes them.
    func write(merging buffers: [TraceBuffer]) {
        var next = [Int](repeating: 0, count: buffers.count)
        while true {
            var chosen = -1
            var earliest = Int64.max
            for (core, buffer) in buffers.enumerated() where next[core] < buffer.lines.count {
                // Ties go to the lower core, whose stations have lower indices.
                if buffer.lines[next[core]].time < earliest {
                    earliest = buffer.lines[next[core]].time
                    chosen = core
                }
            }
            guard chosen >= 0 else { break }
            let line = buffers[chosen].lines[next[chosen]]
            buffer.append(contentsOf: buffers[chosen].bytes[Int(line.start)..<Int(line.end)])
            next[chosen] += 1
            if buffer.count >= Self.blockSize { flush() }
        }
    }

    /// Writes out what is buffered.
    func flush() {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { bytes in
                systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                if failure == nil {
                    failure = SimulationError.trace(path: path, reason: String(cString: strerror(errno)))
                }
                break
            }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `write(2)`, out of the reach of ``TraceWriter``'s own `write` methods.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
