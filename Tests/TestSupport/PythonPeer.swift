import Foundation

/// Runs the Python peers our tests check against (the `ocpp` package, `websockets`, `jsonschema`),
/// from the virtualenv that `Scripts/test` installs into `.venv/`.
public enum PythonPeer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The virtualenv's interpreter; `OCPP_FLEET_PYTHON` overrides it.
    public static var interpreter: URL {
        get throws {
            if let path = ProcessInfo.processInfo.environment["OCPP_FLEET_PYTHON"] {
                return URL(fileURLWithPath: path)
            }
            let python = packageRoot.appendingPathComponent(".venv/bin/python")
            guard FileManager.default.isExecutableFile(atPath: python.path) else {
                throw Failure(description: "no \(python.path): run Scripts/test once, it installs the Python peers")
            }
            return python
        }
    }

    /// Starts `python <script> <arguments>`; the caller owns the process and must terminate it.
    /// - Parameters:
    ///   - script: a path relative to the package root, e.g. `Tests/NetTests/Peers/echo_server.py`.
    public static func start(
        script: String, arguments: [String] = [], stdin: Pipe? = nil
    ) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = try interpreter
        process.arguments = [packageRoot.appendingPathComponent(script).path] + arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin { process.standardInput = stdin }
        try process.run()
        return (process, out, err)
    }

    /// Runs a script to its end, feeding `input` on stdin, and returns its exit status and output.
    /// The script is killed after `timeout` seconds so that no test can hang on it.
    public static func run(
        script: String, arguments: [String] = [], input: Data = Data(), timeout: TimeInterval = 60
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let stdin = Pipe()
        let (process, out, err) = try start(script: script, arguments: arguments, stdin: stdin)
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        // Read both pipes while writing, so that a large output cannot block the script.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return (
            process.terminationStatus,
            String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    /// ``run(script:arguments:input:timeout:)`` for async tests, waiting on a Dispatch thread rather than
    /// on one of the cooperative pool's few threads.
    public static func run(
        script: String, arguments: [String] = [], input: Data = Data(), timeout: TimeInterval = 60
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let (status, stdout, stderr) = try await offThePool {
            try run(script: script, arguments: arguments, input: input, timeout: timeout) as (Int32, String, String)
        }
        return (status, stdout, stderr)
    }
}
