#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process cost: CPU time and peak memory, from `getrusage`.
public struct ProcessUsage: Sendable, Equatable {
    /// CPU time in user space, in seconds.
    public var userSeconds: Double
    /// CPU time in the kernel, in seconds.
    public var systemSeconds: Double
    /// The peak resident set size, in bytes.
    public var maxRSSBytes: UInt64

    /// Makes a figure from its parts.
    public init(userSeconds: Double, systemSeconds: Double, maxRSSBytes: UInt64) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.maxRSSBytes = maxRSSBytes
    }

    /// User and kernel CPU time together, in seconds.
    public var cpuSeconds: Double { userSeconds + systemSeconds }

    /// The calling process's usage so far.
    public static func current() -> ProcessUsage {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else {
            return ProcessUsage(userSeconds: 0, systemSeconds: 0, maxRSSBytes: 0)
        }
        #if canImport(Darwin)
        let rssBytes = UInt64(usage.ru_maxrss)  // bytes on Darwin
        #else
        // ru_maxrss survives execve: under `swift run` it would be SwiftPM's peak, not ours. The kernel's
        // high-water mark of this address space (VmHWM) starts afresh at exec.
        let rssBytes = highWaterMarkBytes() ?? UInt64(usage.ru_maxrss) * 1024  // KiB on Linux
        #endif
        return ProcessUsage(
            userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000,
            systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000,
            maxRSSBytes: rssBytes)
    }

    #if canImport(Glibc)
    /// `VmHWM` of `/proc/self/status`, in bytes.
    private static func highWaterMarkBytes() -> UInt64? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            let digits = text.dropFirst(6).filter { $0.isNumber }
            return UInt64(digits).map { $0 * 1024 }
        }
        return nil
    }
    #endif
}
