import Basics
import CSystem
import Glibc

/// Every Glibc call the Net layer makes, wrapped once: `EINTR` is retried, would-block is returned as a
/// value, and any other `errno` becomes a ``SystemCallError`` naming the call.
enum Syscall {
    /// Runs `body` until it stops failing with `EINTR`; a negative result throws, naming `call`.
    @inline(__always)
    private static func retrying<R: BinaryInteger>(_ call: String, _ body: () -> R) throws(SystemCallError) -> R {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, code: code)
        }
    }

    /// As ``retrying(_:_:)``, with `EAGAIN`/`EWOULDBLOCK` (and `extra`) returned as ``IOResult/wouldBlock``.
    @inline(__always)
    private static func nonBlocking<R: BinaryInteger>(
        _ call: String, also extra: Int32 = EAGAIN, _ body: () -> R
    ) throws(SystemCallError) -> IOResult<R> {
        while true {
            let result = body()
            if result >= 0 { return .processed(result) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK || code == extra { return .wouldBlock }
            throw SystemCallError(call: call, code: code)
        }
    }

    // MARK: Descriptors

    static func close(_ fd: Int32) {
        // Linux closes the descriptor even when close reports EINTR, so it is never retried.
        _ = Glibc.close(fd)
    }

    // A socket's bytes go through `recv` and `send`, not `read` and `write`: they skip the file layer
    // (`vfs_read`, `vfs_write` and their checks), about 2 % of the fleet's CPU per round trip (`perf`).

    /// Reads from a socket.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try nonBlocking("recv") { Glibc.recv(fd, buffer.baseAddress, buffer.count, 0) }
    }

    /// Writes to a socket; a peer gone away is `EPIPE`, never `SIGPIPE`.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try nonBlocking("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    static func writev(_ fd: Int32, _ vectors: UnsafeBufferPointer<iovec>) throws(SystemCallError) -> IOResult<Int> {
        try nonBlocking("writev") { Glibc.writev(fd, vectors.baseAddress, Int32(vectors.count)) }
    }

    // MARK: Sockets

    static func socket(family: Int32, type: Int32) throws(SystemCallError) -> Int32 {
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return try retrying("socket") { Glibc.socket(family, type | flags, 0) }
    }

    static func bind(_ fd: Int32, _ address: SocketAddress) throws(SystemCallError) {
        _ = try address.withSockAddr { pointer, length throws(SystemCallError) in
            try retrying("bind") { Glibc.bind(fd, pointer, length) }
        }
    }

    static func listen(_ fd: Int32, backlog: Int32) throws(SystemCallError) {
        _ = try retrying("listen") { Glibc.listen(fd, backlog) }
    }

    /// Starts a connect; ``IOResult/wouldBlock`` means `EINPROGRESS`: it finishes when the socket is writable.
    static func connect(_ fd: Int32, _ address: SocketAddress) throws(SystemCallError) -> IOResult<Void> {
        let result = try address.withSockAddr { pointer, length throws(SystemCallError) in
            try nonBlocking("connect", also: EINPROGRESS) { Glibc.connect(fd, pointer, length) }
        }
        switch result {
        case .processed: return .processed(())
        case .wouldBlock: return .wouldBlock
        }
    }

    /// Accepts one connection as a non-blocking descriptor, or ``IOResult/wouldBlock`` when none waits.
    static func accept(_ fd: Int32) throws(SystemCallError) -> IOResult<Int32> {
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        while true {
            let result = csystem_accept4(fd, flags)
            if result >= 0 { return .processed(result) }
            let code = errno
            // A connection reset before we took it is the peer's affair, not the listener's: try the next.
            if code == EINTR || code == ECONNABORTED { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemCallError(call: "accept4", code: code)
        }
    }

    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) throws(SystemCallError) {
        var value = value
        _ = try retrying("setsockopt") {
            Glibc.setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Sets `SO_LINGER` to zero seconds: closing the socket then drops what is unsent and sends a TCP
    /// reset, where a plain close sends a FIN. Best effort: if it cannot be set, the close sends a FIN.
    static func resetOnClose(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = Glibc.setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// The pending error of a socket (`SO_ERROR`), 0 when none: how a non-blocking connect reports its end.
    static func pendingError(_ fd: Int32) throws(SystemCallError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try retrying("getsockopt") { Glibc.getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) }
        return value
    }

    static func localAddress(_ fd: Int32) throws(SystemCallError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemCallError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemCallError) in
                try retrying("getsockname") { Glibc.getsockname(fd, address, &length) }
            }
        }
        guard let address = SocketAddress(storage) else {
            throw SystemCallError(call: "getsockname", code: EAFNOSUPPORT)
        }
        return address
    }

    // MARK: epoll and eventfd

    static func epollCreate() throws(SystemCallError) -> Int32 {
        try retrying("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    static func epollControl(
        _ epoll: Int32, _ operation: Int32, _ fd: Int32, events: UInt32, data: UInt64
    ) throws(SystemCallError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = data
        _ = try retrying("epoll_ctl") { epoll_ctl(epoll, operation, fd, &event) }
    }

    /// Waits for events; an interrupted wait returns 0 events rather than retrying with a stale timeout.
    static func epollWait(
        _ epoll: Int32, _ events: UnsafeMutablePointer<epoll_event>, capacity: Int32, timeoutMilliseconds: Int32
    ) throws(SystemCallError) -> Int {
        let result = epoll_wait(epoll, events, capacity, timeoutMilliseconds)
        if result >= 0 { return Int(result) }
        let code = errno
        if code == EINTR { return 0 }
        throw SystemCallError(call: "epoll_wait", code: code)
    }

    static func eventFD() throws(SystemCallError) -> Int32 {
        try retrying("eventfd") { eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK)) }
    }

    /// Adds one to an eventfd counter; a full counter (`EAGAIN`) already means "wake up".
    static func eventFDSignal(_ fd: Int32) throws(SystemCallError) {
        var one: UInt64 = 1
        _ = try nonBlocking("write(eventfd)") { Glibc.write(fd, &one, 8) }
    }

    static func eventFDDrain(_ fd: Int32) throws(SystemCallError) {
        var value: UInt64 = 0
        _ = try nonBlocking("read(eventfd)") { Glibc.read(fd, &value, 8) }
    }

    // MARK: Process

    static func openFileLimit() throws(SystemCallError) -> rlimit {
        var limit = rlimit()
        _ = try retrying("getrlimit") { getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        return limit
    }

    static func setOpenFileLimit(_ limit: rlimit) throws(SystemCallError) {
        var limit = limit
        _ = try retrying("setrlimit") { setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
    }

    static func ignoreBrokenPipe() {
        _ = signal(SIGPIPE, SIG_IGN)
    }
}
