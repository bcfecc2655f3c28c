import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The workers started so far, and whether they were asked to stop: a signal that comes while they are
/// being started stops those started and each one started after it.
final class StartedWorkers: Sendable {
    private let state = Mutex((workers: [WorkerProcess](), stopping: false))

    func add(_ worker: WorkerProcess) {
        let stopping = state.withLock { state in
            state.workers.append(worker)
            return state.stopping
        }
        if stopping { worker.signal(SIGINT) }
    }

    /// Asks every worker to stop as a Ctrl-C does: they stop their stations and write their reports.
    func stopAll() {
        let workers = state.withLock { state in
            state.stopping = true
            return state.workers
        }
        for worker in workers { worker.signal(SIGINT) }
    }

    /// Waits for every worker's end; the first that fails stops the others.
    func waitAll() async -> [(WorkerProcess, WorkerProcess.Exit)] {
        let workers = state.withLock { $0.workers }
        let normal: Set<Int32> = [
            ExitCode.ok.rawValue, ExitCode.unreachable.rawValue, ExitCode.interrupted.rawValue,
            ExitCode.terminated.rawValue,
        ]
        return await withTaskGroup(of: (Int, WorkerProcess.Exit).self) { group in
            for (index, worker) in workers.enumerated() {
                group.addTask { (index, await worker.wait()) }
            }
            var exits: [WorkerProcess.Exit?] = Array(repeating: nil, count: workers.count)
            for await (index, exit) in group {
                exits[index] = exit
                if case .exited(let status) = exit, normal.contains(status) { continue }
                stopAll()
            }
            return zip(workers, exits).map { ($0, $1!) }
        }
    }
}
