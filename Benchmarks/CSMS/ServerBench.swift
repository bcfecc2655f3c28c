import CSMS
import Foundation
import Synchronization

/// `bench-csms serve ROUNDS [LINKS]`: the embedded CSMS behind its WebSocket server (one event loop, as
/// `ocpp-fleet csms` runs it), driven over loopback by a plain blocking client on the main thread. Each
/// round sends one CALL on every link (Heartbeat, StatusNotification, MeterValues and Authorize in turn),
/// then reads every answer: the server finds many links readable at each wake-up, as under load.
///
/// It prints the CALLs answered and the server's CPU time per CALL (user and kernel: the process's, less
/// the client thread's). Under callgrind, count only the
/// server's handling of each readable socket (`--toggle-collect` on `EventLoop.dispatch`) and take the
/// difference of two round counts: the instructions of one CALL, set-up excluded, load-independent.
enum ServerBench {
    static func run(rounds: Int, links linkCount: Int, calls: [[UInt8]], boot: [UInt8]) throws {
        let server = CSMSServer(configuration: CSMSConfiguration(
            heartbeatInterval: 300, badges: BadgeList([.valid("BADGE-0001")])))
        let port = try blocking { try await server.start(listen: "127.0.0.1:0") }
        let links = (0..<linkCount).map { open(port: port, stationID: "GU\($0)") }
        for link in links { exchange(link, boot) }
        // The rounds run on this thread, with no suspension: the rest of the process's CPU is the server's.
        let before = (process: cpu(RUSAGE_SELF.rawValue), client: cpu(rusageThread))
        let framed = calls.map(masked)
        var answered = 0
        for round in 0..<rounds {
            for (index, link) in links.enumerated() { writeAll(link, framed[(index + round) % framed.count]) }
            for link in links {
                readAnswer(link)
                answered += 1
            }
        }
        let after = (process: cpu(RUSAGE_SELF.rawValue), client: cpu(rusageThread))
        for link in links { close(link) }
        try blocking { await server.stop() }
        let user = (after.process.user - before.process.user - after.client.user + before.client.user)
            / Double(answered) * 1e6
        let system = (after.process.system - before.process.system - after.client.system + before.client.system)
            / Double(answered) * 1e6
        print("server over loopback: \(linkCount) links, \(answered) CALLs answered after the boots")
        print(String(format: "server loop CPU per CALL: %.2f µs (%.2f user + %.2f kernel)", user + system, user, system))
    }

    /// Runs `body` on the concurrency pool and blocks the calling thread until it ends, so that `main` needs
    /// no top-level `await`: with one, the main thread parks in `dispatchMain`, whose `sigsuspend` valgrind
    /// dies on.
    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        Task {
            let result: Result<T, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// One CALL and its answer, on a link with nothing else in flight.
    private static func exchange(_ link: Int32, _ call: [UInt8]) {
        writeAll(link, masked(call))
        readAnswer(link)
    }

    private static func open(port: UInt16, stationID: String) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket: \(errno)")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        precondition(connected == 0, "connect: \(errno)")
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let request = "GET /ocpp/\(stationID) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n"
        writeAll(fd, Array(request.utf8))
        // The server says nothing after its 101 until it hears a frame: the head is all there is to read.
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.reversed().starts(with: Array("\n\r\n\r".utf8)) {
            precondition(read(fd, &byte, 1) == 1, "the upgrade's answer ended early")
            head.append(byte)
        }
        precondition(head.starts(with: Array("HTTP/1.1 101".utf8)), String(decoding: head, as: UTF8.self))
        return fd
    }

    /// A client's text frame: masked, with a key of zeros (RFC 6455 asks for a mask, not for a random one).
    private static func masked(_ text: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0x81]
        if text.count < 126 {
            frame.append(0x80 | UInt8(text.count))
        } else {
            frame += [0x80 | 126, UInt8(text.count >> 8), UInt8(text.count & 0xFF)]
        }
        return frame + [0, 0, 0, 0] + text
    }

    /// Reads one unmasked text frame from the server and checks that it is a CALLRESULT.
    private static func readAnswer(_ fd: Int32) {
        let header = readExactly(fd, 2)
        var length = Int(header[1] & 0x7F)
        if length == 126 {
            let extended = readExactly(fd, 2)
            length = Int(extended[0]) << 8 | Int(extended[1])
        }
        let payload = readExactly(fd, length)
        precondition(payload.starts(with: Array("[3,".utf8)), String(decoding: payload, as: UTF8.self))
    }

    private static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, count - done) }
            precondition(got > 0, "the server closed a link")
            done += got
        }
        return bytes
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            precondition(wrote > 0, "write: \(errno)")
            done += wrote
        }
    }

    /// `RUSAGE_THREAD`, which the Glibc module does not export.
    private static let rusageThread: Int32 = 1

    /// User and kernel CPU seconds of the process (`RUSAGE_SELF`) or of the calling thread (`RUSAGE_THREAD`).
    private static func cpu(_ who: Int32) -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(__rusage_who_t(who), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
