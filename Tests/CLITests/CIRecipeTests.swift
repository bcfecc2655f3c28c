import Foundation
import TestSupport
import Testing

/// The CI recipes of examples/ci/ cannot rot: both call the one script whose commands Scripts/test runs
/// against the embedded CSMS, with variables the script reads, from the image the Dockerfile builds.
@Suite struct CIRecipeTests {
    static let script = "examples/ci/fleet-check.sh"

    static func text(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// What each recipe runs and the variables it gives, read as YAML by Python.
    static func recipes() async throws -> [String: (commands: [String], environment: [String])] {
        let outcome = try await PythonPeer.run(
            script: "Tests/CLITests/Peers/recipe_commands.py", arguments: ["examples/ci"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        var recipes: [String: (commands: [String], environment: [String])] = [:]
        for (file, value) in json {
            let recipe = try #require(value as? [String: [String]])
            recipes[file] = (recipe["commands"] ?? [], recipe["environment"] ?? [])
        }
        return recipes
    }

    @Test func bothRecipesRunTheFleetScript() async throws {
        let recipes = try await Self.recipes()
        #expect(recipes.keys.sorted() == ["github-actions.yml", "gitlab-ci.yml"])
        for (file, recipe) in recipes {
            #expect(recipe.commands.contains { $0.contains("fleet-check.sh") }, "\(file) does not call fleet-check.sh")
            // The fleet's own commands belong in the script, where Scripts/test runs them.
            #expect(!recipe.commands.contains { $0.contains("ocpp-fleet run") }, "\(file) runs the fleet itself")
        }
    }

    @Test func everyVariableARecipeSetsIsOneTheScriptReads() async throws {
        let script = try Self.text(Self.script)
        for (file, recipe) in try await Self.recipes() {
            #expect(recipe.environment.contains("CSMS_URL"), "\(file)")
            for name in recipe.environment {
                #expect(script.contains("#   \(name) "), "\(file) sets \(name), which \(Self.script) does not document")
                #expect(script.contains("${\(name)"), "\(file) sets \(name), which \(Self.script) does not read")
            }
        }
    }

    @Test func theTestScriptRunsTheFleetScriptAgainstTheEmbeddedCSMS() throws {
        let lines = try Self.text("Scripts/test").split(separator: "\n")
        let call = try #require(lines.first { $0.contains(Self.script) }, "Scripts/test does not run \(Self.script)")
        #expect(!call.contains("CSMS_URL"))
    }

    @Test func theImageHoldsTheScriptUnderTheNameTheRecipesCall() throws {
        let dockerfile = try Self.text("Dockerfile")
        #expect(dockerfile.contains("COPY \(Self.script) /usr/local/bin/fleet-check.sh"))
        #expect(FileManager.default.isExecutableFile(atPath: packageRoot.appendingPathComponent(Self.script).path))
    }

    @Test func theScriptRunsASmokeFleetAndComparesItWithTheBaseline() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-ci-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("baseline")
        let simulated = try await FleetProcess.run([
            "simulate", "--profile", "smoke", "--duration", "10m", "--quiet", "--report", baseline.path,
        ])
        try #require(simulated.status == 0, "\(simulated.stderr)")
        let reports = folder.appendingPathComponent("fleet-report")
        // A simulation is no baseline for a real run's latencies: only that the comparison ran is checked.
        let outcome = try await Self.runScript(environment: [
            "REPORT_DIR": reports.path, "BASELINE": baseline.appendingPathComponent("report.json").path,
            // The fleet's figures are not under test here, only the script's steps: an SLO that always holds, and
            // time enough for the stations to connect on a loaded machine.
            "FLEET_DURATION": "10s", "FLEET_SLOS": "sent >= 0",
            "FLEET_MAX_REGRESSION": "100000%,errors=100%,timeouts=100%,connect_failures=100%",
        ])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(4_000))\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("fleet-check: ocpp-fleet run --profile smoke"))
        #expect(outcome.stdout.contains("SLO pass  sent >= 0"))
        for file in ["report.json", "junit.xml", "compare.txt", "compare.xml"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(file).path), "\(file)")
        }
        // Connections are timed.
        let report = try Data(contentsOf: reports.appendingPathComponent("report.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        let connections = try #require(root["connections"] as? [String: Any])
        let connect = try #require(connections["connect_ms"] as? [String: Any])
        #expect((connect["count"] as? Int ?? 0) >= 1)
        let comparison = try String(contentsOf: reports.appendingPathComponent("compare.txt"), encoding: .utf8)
        #expect(comparison.contains("connect p99 ms"))
    }

    @Test func withoutABaselineTheScriptSaysSoAndTheRunAloneDecides() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-fleet-ci-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await Self.runScript(environment: [
            "REPORT_DIR": folder.path, "BASELINE": folder.appendingPathComponent("missing/report.json").path,
            "FLEET_DURATION": "2s", "FLEET_SLOS": "connected >= 200%",
        ])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("SLO FAIL  connected >= 200%"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("compare.txt").path))
    }

    /// Runs the script with the built binary against the embedded CSMS, killed after 120 s.
    static func runScript(environment: [String: String]) async throws -> FleetProcess.Outcome {
        var variables: [String: String?] = ["CSMS_URL": nil, "OCPP_FLEET": FleetProcess.executable.path]
        for (name, value) in environment { variables[name] = value }
        return try await FleetProcess.run(
            program: "bash", [packageRoot.appendingPathComponent(script).path], environment: variables, timeout: 120)
    }
}
