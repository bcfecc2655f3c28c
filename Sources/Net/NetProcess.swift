import Glibc

/// Process-wide settings a program that holds thousands of sockets needs before it opens any.
public enum NetProcess {
    /// Raises the open-file limit (`RLIMIT_NOFILE`) to its hard limit and ignores `SIGPIPE`, so that a
    /// write to a closed socket returns `EPIPE` instead of killing the process. Call once at start.
    /// - Returns: the open-file limit now in force.
    @discardableResult
    public static func prepare() throws -> UInt64 {
        Syscall.ignoreBrokenPipe()
        var limit = try Syscall.openFileLimit()
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            try Syscall.setOpenFileLimit(limit)
        }
        return UInt64(limit.rlim_cur)
    }
}
