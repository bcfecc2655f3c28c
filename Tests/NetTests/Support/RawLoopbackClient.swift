import Glibc

@testable import Net

/// A plain TCP client for poking a server with bytes of our choosing, with bounded waits.
final class RawLoopbackClient {
    private let fd: Int32

    init(port: UInt16) throws {
        let fd = try Syscall.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue))
        do {
            _ = try Syscall.connect(fd, SocketAddress(ip: "127.0.0.1", port: port)!)
        } catch {
            Syscall.close(fd)
            throw error
        }
        self.fd = fd
    }

    deinit {
        Syscall.close(fd)
    }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)
        for _ in 0..<100 where !bytes.isEmpty {
            guard wait(for: Int16(POLLOUT)) else { continue }
            let written = try bytes.withUnsafeBytes { bytes throws in
                switch try Syscall.write(fd, bytes) {
                case .processed(let count): count
                case .wouldBlock: 0
                }
            }
            bytes.removeFirst(written)
        }
    }

    /// Everything the server sends until it closes, or `nil` if it is still open after `seconds`.
    func readUntilClosed(seconds: Double = 10) throws -> String? {
        var received: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { buffer.deallocate() }
        for _ in 0..<Int(seconds * 20) {
            guard wait(for: Int16(POLLIN)) else { continue }
            switch try Syscall.read(fd, buffer) {
            case .wouldBlock: continue
            case .processed(0): return String(decoding: received, as: UTF8.self)
            case .processed(let count): received += buffer[..<count]
            }
        }
        return nil
    }

    private func wait(for events: Int16) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        return poll(&entry, 1, 50) > 0
    }
}
