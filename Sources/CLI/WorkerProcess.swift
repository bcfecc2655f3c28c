import Foundation
import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Another `ocpp-fleet` process this one started: a worker of a `run` spread over several processes, or
/// a sibling of a `csms` serving one port from several processes.
///
/// It runs this very binary with other arguments, in a process group of its own, so that a Ctrl-C at the
/// terminal reaches only the parent, which forwards it (``signal(_:)``): a worker that got the terminal's
/// SIGINT and then the parent's would take the second for "quit at once". It starts with SIGINT and SIGTERM
/// blocked, so that a signal forwarded before it installed its handler waits instead of killing it.
///
/// Its stdin is a pipe whose other end only the parent holds: when the parent ends, however it ends, the
/// worker reads the end of the file and quits (``ParentWatch``). Each line of its stdout goes to
/// `onLine` (the line protocol of ``WorkerProgress`` and ``CSMSWorkerReport``); each line of its stderr
/// is printed on the parent's stderr after the worker's name.
final class WorkerProcess: Sendable {
    /// How a worker ended.
    enum Exit: Hashable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case killed(signal: Int32)

        var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .killed(let signal): "was killed by signal \(signal)"
            }
        }
    }

    /// Its name in messages: `worker 2/3`.
    let name: String
    let pid: pid_t
    /// The parent's end of the worker's stdin: never written, closed once the worker has ended.
    private let stdinEnd: Int32
    /// Whether the worker has been reaped: its pid may then belong to another process, never to signal.
    private let reaped = Mutex(false)
    private let readers = DispatchGroup()

    /// Starts `ocpp-fleet arguments`.
    /// - Parameters:
    ///   - name: how messages name it.
    ///   - arguments: its command line after the program's name.
    ///   - environment: variables added to the parent's (a password, kept out of the command line).
    ///   - onLine: called with each line of its stdout, without the newline, on a thread of the worker's.
    /// - Throws: ``WorkerProcessError`` when the process cannot be started.
    init(
        name: String, arguments: [String], environment: [String: String] = [:],
        onLine: @escaping @Sendable (String) -> Void
    ) throws(WorkerProcessError) {
        self.name = name
        let input = try Self.pipe()
        let output = try Self.pipe()
        let errors = try Self.pipe()
        defer { for end in [input.read, output.write, errors.write] { close(end) } }
        do {
            pid = try Self.spawn(
                arguments: arguments, environment: environment,
                descriptors: [input.read, output.write, errors.write])
        } catch {
            for end in [input.write, output.read, errors.read] { close(end) }
            throw error
        }
        stdinEnd = input.write
        readLines(output.read) { line in onLine(line) }
        readLines(errors.read) { [name] line in Output.error("\(name): \(line)") }
    }

    deinit {
        close(stdinEnd)
    }

    /// Sends `signalNumber` to the worker, unless it has ended already.
    func signal(_ signalNumber: Int32) {
        reaped.withLock { reaped in
            if !reaped { _ = kill(pid, signalNumber) }
        }
    }

    /// Waits until the worker has ended and its stdout and stderr are read to their end.
    func wait() async -> Exit {
        await withCheckedContinuation { continuation in
            let waiter = Thread { [self] in
                // Wait without reaping, so that `signal` never reaches a process that took over the pid.
                var info = siginfo_t()
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
                var status: Int32 = 0
                reaped.withLock { reaped in
                    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                    reaped = true
                }
                readers.wait()
                continuation.resume(returning: status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: status & 0x7F))
            }
            waiter.name = "ocpp-fleet.\(name)"
            waiter.start()
        }
    }

    /// Calls `body` with each line `descriptor` brings, on a thread, until its end; then closes it.
    private func readLines(_ descriptor: Int32, _ body: @escaping @Sendable (String) -> Void) {
        readers.enter()
        let reader = Thread { [readers] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: buffer[..<count])
                var start = 0
                while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    body(String(decoding: pending[start..<newline], as: UTF8.self))
                    start = newline + 1
                }
                pending.removeFirst(start)
            }
            if !pending.isEmpty { body(String(decoding: pending, as: UTF8.self)) }
            close(descriptor)
            readers.leave()
        }
        reader.name = "ocpp-fleet.\(name).output"
        reader.start()
    }

    private static func pipe() throws(WorkerProcessError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else {
            throw WorkerProcessError("cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        // Close-on-exec: a worker must not hold its siblings' pipes, or their ends would never be seen.
        // Workers are started one at a time, so no other start sees these ends before the flag is set.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Starts this binary with `arguments`, `descriptors` as its stdin, stdout and stderr.
    private static func spawn(
        arguments: [String], environment: [String: String], descriptors: [Int32]
    ) throws(WorkerProcessError) -> pid_t {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            throw WorkerProcessError("cannot find this program's own file (/proc/self/exe)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, descriptor) in descriptors.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, descriptor, Int32(target))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        sigaddset(&blocked, SIGTERM)
        posix_spawnattr_setsigmask(&attributes, &blocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))

        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw WorkerProcessError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }
}
