import Fleet
import Foundation
import Testing
import TestSupport

@Suite("WebSocket keys from the seed", .serialized)
struct WireKeyTests {
    /// For each station's first link: its Sec-WebSocket-Key and its first frame's masking key, as a CSMS
    /// reading the raw bytes saw them, after a 2 s run of 3 stations seeded with `seed`.
    private func keysSeen(seed: UInt64) async throws -> [String: [String]] {
        let csms = try await offThePool { try PythonCSMS(script: "key_logging_csms.py") }
        var configuration = try RunFixtures.configuration(url: csms.url, stations: 3, seconds: 2)
        configuration.seed = seed
        // Every station waits for an answer that never comes: the run need not wait for it at the end.
        configuration.drainTimeout = .seconds(1)
        _ = try await FleetRunner(configuration: configuration).run()
        let output = try await csms.end()
        return try JSONDecoder().decode([String: [String]].self, from: output)
    }

    @Test("two runs with one seed send the same handshake keys and masking keys; another seed, others")
    func sameSeedSameKeys() async throws {
        let first = try await keysSeen(seed: 11)
        let second = try await keysSeen(seed: 11)
        let other = try await keysSeen(seed: 12)
        #expect(first.count == 3)
        #expect(first == second)
        #expect(Set(first.values.map { $0[0] }).count == 3)
        #expect(Set(first.values.map { $0[0] }).isDisjoint(with: other.values.map { $0[0] }))
        #expect(Set(first.values.map { $0[1] }).isDisjoint(with: other.values.map { $0[1] }))
    }
}
