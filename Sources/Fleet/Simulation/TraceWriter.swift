import Basics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the message trace of a simulation, in the line format of every trace (``TraceLine``): lines
/// come from the cores' ``TraceBuffer``s, merged in the canonical order.
///
/// The first write that fails stops the writing; ``failure`` says why, and the simulation throws it.
final class TraceWriter {
    private let path: String
    private var descriptor: Int32
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

    /// A simulation dropped before its end still leaves its lines so far, and no descriptor.
    deinit {
        close()
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
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, descriptor >= 0 else { return }
        let written = buffer.withUnsafeBytes { bytes in
            Result { () throws(SystemCallError) in try WriteLoop.write(bytes, to: descriptor) }
        }
        if case .failure(let error) = written {
            failure = SimulationError.trace(path: path, reason: String(cString: strerror(error.code)))
        }
    }

    /// Writes out what is buffered and closes the file; closing again does nothing.
    func close() {
        guard descriptor >= 0 else { return }
        flush()
        _ = systemClose(descriptor)
        descriptor = -1
    }
}

/// `close(2)`, out of the reach of ``TraceWriter``'s own `close` method.
private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
