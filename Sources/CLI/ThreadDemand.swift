import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How much CPU the process's threads wanted: the time they ran plus the time they waited, runnable, for
/// a CPU, from Linux's `/proc/self/task/*/schedstat`.
///
/// A loop that ran half the time and waited for a CPU the other half was saturated all the same, on a
/// machine it shares: the CPU time alone (getrusage) would show it half idle.
enum ThreadDemand {
    /// The process's threads' run and run-queue time so far, in nanoseconds, or `nil` where the kernel
    /// does not keep it. Threads that ended took theirs with them.
    static func current() -> UInt64? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        var total: UInt64 = 0
        var found = false
        for task in tasks {
            guard let text = read("/proc/self/task/\(task)/schedstat") else { continue }
            let fields = text.split(separator: " ")
            guard fields.count >= 2, let running = UInt64(fields[0]), let waiting = UInt64(fields[1]) else { continue }
            total &+= running &+ waiting
            found = true
        }
        return found ? total : nil
    }

    /// A small file of /proc, whose size the kernel reports as 0: read until its end.
    private static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
