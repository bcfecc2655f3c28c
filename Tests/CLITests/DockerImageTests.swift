import Foundation
import TestSupport
import Testing

/// The Dockerfile builds an image that runs the fleet with its built-in profiles and the CI script: checked
/// only where a container engine works and can get the base images (present, or from a reachable
/// registry), so that an offline CI never waits on a pull. The build compiles the release binary: minutes.
@Suite struct DockerImageTests {
    /// The images the Dockerfile starts `FROM`, with its `ARG` defaults put in.
    static func baseImages() throws -> [String] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Dockerfile"), encoding: .utf8)
        var arguments: [String: String] = [:]
        var images: [String] = []
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if words.first == "ARG", words.count == 2, let equals = words[1].firstIndex(of: "=") {
                arguments[String(words[1][..<equals])] = String(words[1][words[1].index(after: equals)...])
            } else if words.first == "FROM", words.count >= 2 {
                var image = words[1]
                for (name, value) in arguments { image = image.replacingOccurrences(of: "${\(name)}", with: value) }
                images.append(image)
            }
        }
        return images
    }

    static var engineWorks: Bool {
        (try? FleetProcess.runBlocking(program: "docker", ["info"], timeout: 30).status) == 0
    }

    static var baseImagesAvailable: Bool {
        guard let images = try? baseImages(), !images.isEmpty else { return false }
        return images.allSatisfy { image in
            (try? FleetProcess.runBlocking(program: "docker", ["image", "inspect", image], timeout: 30).status) == 0
                || (try? FleetProcess.runBlocking(program: "docker", ["manifest", "inspect", image], timeout: 60).status) == 0
        }
    }

    @Test func theDockerfileStartsFromTheSwiftImageAndASlimOne() throws {
        let images = try Self.baseImages()
        #expect(images.count == 2)
        #expect(images.first?.hasPrefix("swift:6.") == true)
        #expect(images.last?.hasSuffix("-slim") == true)
    }

    @Test(
        .enabled(if: DockerImageTests.engineWorks, "no working container engine (`docker info` fails): Dockerfile not built"),
        .enabled(
            if: DockerImageTests.baseImagesAvailable,
            "the Dockerfile's base images are neither present nor reachable in a registry (offline?): not built"))
    func theImageBuildsAndRunsTheFleetWithItsProfilesAndTheCIScript() async throws {
        let tag = "ocpp-fleet-test:\(UUID().uuidString.prefix(8).lowercased())"
        let build = try await FleetProcess.run(program: "docker", ["build", "--tag", tag, "."], timeout: 45 * 60)
        try #require(build.status == 0, "\(build.stderr.suffix(4_000))")
        defer { _ = try? FleetProcess.runBlocking(program: "docker", ["image", "rm", "--force", tag], timeout: 120) }
        let profiles = try await FleetProcess.run(
            program: "docker", ["run", "--rm", "--network", "none", tag, "ocpp-fleet", "profile", "list"], timeout: 120)
        #expect(profiles.status == 0, "\(profiles.stderr)")
        #expect(profiles.stdout.contains("smoke "))
        let simulated = try await FleetProcess.run(
            program: "docker",
            ["run", "--rm", "--network", "none", tag, "ocpp-fleet", "simulate", "--profile", "smoke", "--duration", "10m"],
            timeout: 120)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(simulated.stdout.contains("BootNotification"))
        let script = try await FleetProcess.run(
            program: "docker", ["run", "--rm", "--network", "none", tag, "sh", "-c", "command -v fleet-check.sh"], timeout: 120)
        #expect(script.stdout == "/usr/local/bin/fleet-check.sh\n", "\(script.stderr)")
    }
}
