import Basics
import Dispatch
import Glibc
import Metrics
import Synchronization

/// The `--trace` file: blocks of JSON lines handed over by the loops' ``LoopTrace``s, written in order of
/// arrival on a queue of its own, so that no event loop waits for the disk.
///
/// A write that fails (a full disk) stops the writing: the run goes on to its end, and then fails with
/// ``finish()``'s error and its report, rather than leave a trace with lines missing unsaid.
final class TraceFile: Sendable {
    private let descriptor: Int32
    private let path: String
    private let queue = DispatchQueue(label: "ocpp-fleet.trace")
    /// The first write that failed, as the run's error will say it.
    private let failure = Mutex<String?>(nil)

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(FleetRunError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FleetRunError.trace(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
    }

    /// Writes `block` after the blocks given before it, unless a write has failed.
    func write(_ block: [UInt8]) {
        queue.async { [self] in
            guard failure.withLock({ $0 == nil }) else { return }
            let written = block.withUnsafeBytes { bytes in
                Result { () throws(SystemCallError) in try WriteLoop.write(bytes, to: descriptor) }
            }
            if case .failure(let error) = written {
                failure.withLock { $0 = String(cString: strerror(error.code)) }
            }
        }
    }

    /// Waits for every block given so far, then says whether they were all written.
    /// - Throws: ``FleetRunError`` for the first write that failed, with `report` (the run's).
    func finish(report: RunReport) throws(FleetRunError) {
        queue.sync {}
        if let reason = failure.withLock({ $0 }) {
            throw FleetRunError.trace(path: path, reason: reason, report: report)
        }
    }

    /// Waits for every block given so far, then closes the file.
    func close() {
        queue.sync { _ = Glibc.close(descriptor) }
    }
}
