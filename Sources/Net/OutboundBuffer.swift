import Basics
import Glibc

/// The bytes a socket did not take yet. Empty (and holding no memory) whenever the socket keeps up, which
/// is the idle case: a connection pays for a buffer only while the kernel pushes back.
struct OutboundBuffer {
    private var bytes: [UInt8] = []
    private var offset = 0

    /// The number of bytes waiting.
    var count: Int { bytes.count - offset }
    var isEmpty: Bool { offset == bytes.count }

    /// Writes `data` after whatever waits, gathering both in one `writev`; keeps what the socket refused.
    /// - Returns: whether everything was written.
    mutating func write(_ data: UnsafeRawBufferPointer, to fd: Int32) throws(SystemCallError) -> Bool {
        if isEmpty {
            let written: Int
            switch try Syscall.write(fd, data) {
            case .processed(let count): written = count
            case .wouldBlock: written = 0
            }
            if written == data.count { return true }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[written...]))
            return false
        }
        let waiting = count
        // Array.withUnsafeBytes rethrows untyped errors: the outcome crosses it as a Result.
        let outcome = bytes.withUnsafeBytes { pending -> Result<Int, SystemCallError> in
            var vectors = (
                iovec(iov_base: UnsafeMutableRawPointer(mutating: pending.baseAddress! + offset), iov_len: waiting),
                iovec(iov_base: UnsafeMutableRawPointer(mutating: data.baseAddress), iov_len: data.count)
            )
            return withUnsafeMutableBytes(of: &vectors) { raw in
                let pointer = raw.baseAddress!.assumingMemoryBound(to: iovec.self)
                let vectorCount = data.isEmpty ? 1 : 2
                return Result { () throws(SystemCallError) -> Int in
                    switch try Syscall.writev(fd, UnsafeBufferPointer(start: pointer, count: vectorCount)) {
                    case .processed(let count): count
                    case .wouldBlock: 0
                    }
                }
            }
        }
        let written = try outcome.get()
        if written >= waiting {
            release()
            let fromData = written - waiting
            if fromData == data.count { return true }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[fromData...]))
            return false
        }
        offset += written
        bytes.append(contentsOf: data)
        compactIfWorthIt()
        return false
    }

    /// Writes what waits. - Returns: whether the buffer is now empty.
    mutating func flush(to fd: Int32) throws(SystemCallError) -> Bool {
        if isEmpty { return true }
        return try write(UnsafeRawBufferPointer(start: nil, count: 0), to: fd)
    }

    /// Keeps `data` to be written later, after what waits.
    mutating func append(_ data: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: data)
    }

    /// Drops everything, memory included.
    mutating func release() {
        bytes = []
        offset = 0
    }

    private mutating func compactIfWorthIt() {
        if offset > 64 * 1024 && offset * 2 > bytes.count {
            bytes.removeFirst(offset)
            offset = 0
        }
    }
}
