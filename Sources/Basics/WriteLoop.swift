#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package's one loop that writes a whole buffer to a descriptor: trace files, report and output
/// text, worker pipes, the blocking sockets of the metrics endpoint.
///
/// A write may take only part of the buffer (a pipe or socket with little room, a signal): the loop
/// goes on from where it stopped. `EINTR` is retried; any other failure throws, `EAGAIN` included (a
/// socket's send timeout ran out, or the descriptor is non-blocking and full). Event loops do not use
/// it: they never block, and keep what a socket did not take for later.
public enum WriteLoop {
    /// Writes every byte of `bytes` to `descriptor` with `write(2)`.
    ///
    /// - Throws: A ``SystemCallError`` naming `write` with the `errno` that stopped it; the bytes before
    ///   the failure were written.
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(SystemCallError) {
        try writeAll(bytes, to: descriptor, call: "write") { descriptor, pointer, count in
            systemWrite(descriptor, pointer, count)
        }
    }

    /// Writes every byte of `bytes` to the socket `socket` with `send(2)` and `MSG_NOSIGNAL`: a peer that
    /// went away is an `EPIPE` error, not a `SIGPIPE` that ends the process.
    ///
    /// - Throws: A ``SystemCallError`` naming `send` with the `errno` that stopped it.
    public static func send(_ bytes: UnsafeRawBufferPointer, to socket: Int32) throws(SystemCallError) {
        try writeAll(bytes, to: socket, call: "send") { socket, pointer, count in
            systemSend(socket, pointer, count, Int32(MSG_NOSIGNAL))
        }
    }

    /// The loop itself, over `system`, a call with `write(2)`'s contract: the count written, or -1 and
    /// `errno`.
    static func writeAll(
        _ bytes: UnsafeRawBufferPointer, to descriptor: Int32, call: String,
        _ system: (Int32, UnsafeRawPointer, Int) -> Int
    ) throws(SystemCallError) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let result = system(descriptor, base + written, bytes.count - written)
            if result > 0 {
                written += result
                continue
            }
            // write(2) takes at least one byte of a non-empty buffer or fails; 0 would loop for ever.
            let code = result == 0 ? EIO : errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, code: code)
        }
    }
}

/// `write(2)` and `send(2)`, out of the reach of ``WriteLoop``'s own methods of the same names.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func systemSend(_ socket: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(socket, bytes, count, flags)
}
