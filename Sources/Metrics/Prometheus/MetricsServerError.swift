#if canImport(Glibc)
import Glibc
#endif

/// A system call of the metrics server failed.
public struct MetricsServerError: Error, Sendable, CustomStringConvertible {
    /// The call that failed: `socket`, `bind` or `listen`.
    public let call: String
    /// The error number it set.
    public let errno: Int32

    /// The call and the system's message, e.g. `bind: Address already in use`.
    public var description: String { "\(call): \(String(cString: strerror(errno)))" }
}
