import Foundation

/// Runs blocking work (waiting for a process, reading its pipes) on a Dispatch thread. A test that blocks
/// in place holds one of the few threads of Swift's cooperative pool (two on a two-core machine) for the
/// whole run, and the in-process runners of the tests running beside it then stall.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
