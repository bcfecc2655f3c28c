import Basics
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Serves the Prometheus exposition on `http://127.0.0.1:PORT/metrics` while a run goes.
///
/// One thread with blocking sockets, one request per connection: scrapes come every few seconds and are
/// far from the event loops' hot path, so simplicity wins over throughput. It listens on loopback only.
/// The serving thread keeps the server alive until ``stop()`` is called.
///
/// ```swift
/// let server = try MetricsHTTPServer(port: 9464) { PrometheusExposition.render(latestSnapshot()) }
/// defer { server.stop() }
/// ```
public final class MetricsHTTPServer: Sendable {
    /// The port listened on (the one the system chose when asked for 0).
    public let port: UInt16
    private let listener: Int32
    private let body: @Sendable () -> String
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts listening and serving.
    /// - Parameters:
    ///   - port: the port on 127.0.0.1; 0 lets the system choose.
    ///   - body: makes the exposition text for each scrape, on the server's thread.
    /// - Throws: ``SystemCallError`` naming the call that failed (the port is taken, typically).
    public init(port: UInt16, body: @escaping @Sendable () -> String) throws(SystemCallError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemCallError(call: "socket", code: errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let error = SystemCallError(call: bound == 0 ? "listen" : "bind", code: errno)
            close(fd)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        listener = fd
        self.body = body
        let thread = Thread { [self] in serve() }
        thread.name = "metrics-http"
        thread.start()
    }

    /// Stops serving and waits for the server's thread to end. Calling it again does nothing.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // Shutting the listener down wakes the blocked accept() with an error, which ends the loop.
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
        close(listener)
    }

    private func serve() {
        defer { finished.signal() }
        while !stopped.load(ordering: .acquiring) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        // A client that sends nothing must not hold the only thread for long.
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let requestLine = readRequestLine(client) else { return }
        let parts = requestLine.split(separator: " ")
        let response: (status: String, type: String, body: String)
        if parts.count < 2 {
            response = ("400 Bad Request", "text/plain", "bad request\n")
        } else if parts[0] != "GET" && parts[0] != "HEAD" {
            response = ("405 Method Not Allowed", "text/plain", "only GET\n")
        } else if parts[1] == "/metrics" || parts[1].hasPrefix("/metrics?") {
            response = ("200 OK", PrometheusExposition.contentType, body())
        } else {
            response = ("404 Not Found", "text/plain", "the exposition is at /metrics\n")
        }
        let payload = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status)\r\nContent-Type: \(response.type)\r\n"
        head += "Content-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        // A client that went away or stopped reading gets no more: the next one is served.
        let message = Array(head.utf8) + (parts.first == "HEAD" ? [] : payload)
        message.withUnsafeBytes { bytes in try? WriteLoop.send(bytes, to: client) }
    }

    /// Reads until the end of the request head (or 8 KiB) and returns its first line.
    private func readRequestLine(_ client: Int32) -> String? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while received.count < 8192 {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            received += chunk[0..<count]
            if received.count >= 4 && received.suffix(4) == [13, 10, 13, 10] { break }
        }
        guard let end = received.firstIndex(of: 13) ?? received.firstIndex(of: 10) else { return nil }
        return String(decoding: received[..<end], as: UTF8.self)
    }
}
