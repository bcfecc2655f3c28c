import Foundation
import TestSupport
import Testing

/// Runs `/bin/sh script arguments` in the package root with `environment` added and the built
/// `ocpp-fleet` first on the PATH, as the job's image has it; stdout and stderr together, as
/// `kubectl logs` shows a pod's. The shell starts with no signal blocked, as in a container: the test
/// runner's threads block them, a started process inherits that, and `wait` in a shell whose SIGCHLD is
/// blocked waits forever.
private func shell(
    _ script: String, _ arguments: [String] = [], environment: [String: String]
) async throws -> (status: Int32, output: String) {
    try await offThePool {
        let process = Process()
        process.executableURL = try PythonPeer.interpreter
        process.arguments = [
            "-c",
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                + "os.execv('/bin/sh', ['/bin/sh'] + sys.argv[1:])",
            packageRoot.appendingPathComponent(script).path,
        ] + arguments
        process.currentDirectoryURL = packageRoot
        var variables = ProcessInfo.processInfo.environment
        variables["PATH"] = FleetProcess.executable.deletingLastPathComponent().path + ":" + (variables["PATH"] ?? "")
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: killer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Test func theShardsOfTheKubernetesJobPrintTheirReportsAndGatherMergesThemIntoTheWholeFleets() async throws {
    let server = try BackgroundFleetProcess(["csms", "--listen", "127.0.0.1:0", "--exit-with-stdin"])
    defer { server.stop() }
    let text = try await server.waitForStandardError(containing: "/<station id>")
    let after = try #require(text.range(of: "ws://127.0.0.1:")?.upperBound)
    let port = try #require(Int(text[after...].prefix { $0.isNumber }))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-k8s-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

    // Two pods of the Indexed Job, as Kubernetes starts them: the same arguments, their own index.
    let arguments = ["--profile", "idle", "--stations", "20", "--speed", "1", "--duration", "3s", "--seed", "5"]
    async let first = shell(
        "deploy/kubernetes/shard.sh", arguments,
        environment: [
            "CSMS_URL": "ws://127.0.0.1:\(port)/ocpp", "SHARDS": "2", "JOB_COMPLETION_INDEX": "0",
            "REPORT_DIR": folder.appendingPathComponent("pod-0").path,
        ])
    async let second = shell(
        "deploy/kubernetes/shard.sh", arguments,
        environment: [
            "CSMS_URL": "ws://127.0.0.1:\(port)/ocpp", "SHARDS": "2", "JOB_COMPLETION_INDEX": "1",
            "REPORT_DIR": folder.appendingPathComponent("pod-1").path,
        ])
    let pods = try await [first, second]
    _ = try await server.interrupt()
    for (index, pod) in pods.enumerated() {
        #expect(pod.status == 0, "\(pod.output)")
        try Data(pod.output.utf8).write(to: folder.appendingPathComponent("pod-\(index).log"))
    }

    // A kubectl that knows the two pods and shows their logs.
    let kubectl = folder.appendingPathComponent("kubectl")
    try Data(
        """
        #!/bin/sh
        case "$1" in
            get) echo pod/ocpp-fleet-0-x; echo pod/ocpp-fleet-1-y ;;
            logs) case "$2" in *-0-*) cat '\(folder.path)/pod-0.log' ;; *) cat '\(folder.path)/pod-1.log' ;; esac ;;
        esac

        """.utf8
    ).write(to: kubectl)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kubectl.path)
    let merged = folder.appendingPathComponent("merged")
    let gathered = try await shell(
        "deploy/kubernetes/gather.sh", ["ocpp-fleet", merged.path], environment: ["KUBECTL": kubectl.path])
    #expect(gathered.status == 0, "\(gathered.output)")
    #expect(gathered.output.contains("2 shard reports"))

    let data = try Data(contentsOf: merged.appendingPathComponent("report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["stations"] as? Int == 20)
    #expect(run["shard"] as? String == "1/1")
    let messages = try #require(report["messages"] as? [String: Any])
    let actions = try #require(messages["by_action"] as? [String: [String: Any]])
    #expect(actions["BootNotification"]?["ok"] as? Int == 20)
}
