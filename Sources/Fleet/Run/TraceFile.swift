import Dispatch
import Glibc

/// The `--trace` file: blocks of JSON lines handed over by the loops' ``LoopTrace``s, written in order of
/// arrival on a queue of its own, so that no event loop waits for the disk.
final class TraceFile: Sendable {
    private let descriptor: Int32
    private let path: String
    private let queue = DispatchQueue(label: "ocpp-fleet.trace")

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(FleetRunError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FleetRunError.trace(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
    }

    /// Writes `block` after the blocks given before it. A failing disk loses trace lines, never the run.
    func write(_ block: [UInt8]) {
        queue.async { [descriptor] in
            var written = 0
            block.withUnsafeBytes { bytes in
                while written < bytes.count {
                    let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                    if result < 0 && errno == EINTR { continue }
                    guard result > 0 else { return }
                    written += result
                }
            }
        }
    }

    /// Waits for every block given so far, then closes the file.
    func close() {
        queue.sync { _ = Glibc.close(descriptor) }
    }
}
