import Foundation
import Net
import Testing

@Suite struct TLSEngineMemoryTests {
    @Test func engineIsFreedWhenItsLastReferenceGoes() throws {
        weak var client: TLSEngine?
        weak var server: TLSEngine?
        do {
            let pair = try EnginePair()
            pair.handshake()
            #expect(pair.client.state == .established)
            client = pair.client
            server = pair.server
        }
        #expect(client == nil)
        #expect(server == nil)
    }

    /// A leaked connection holds at least two OpenSSL `SSL` objects of about 9 KiB each, so 1,500 leaked
    /// cycles would grow the process by more than 25 MiB (with `SSL_free` left out it grew by 116 MiB); the
    /// bound leaves room for the allocator. The cycles run in a process of their own (an exit test): the
    /// tests running beside this one in the suite's process allocate too, and were seen to add 13 MiB and
    /// more on a loaded machine.
    @Test func thousandsOfConnectionsMadeAndClosedDoNotGrowMemory() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            print(try TLSEngineMemoryTests.growthOverCycles())
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        let growth = Int(output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(growth != nil, "the cycles' process printed \(output)")
        if let growth {
            #expect(growth < 24 << 20, "resident memory grew by \(growth >> 10) KiB over 1,500 connections")
        }
    }

    /// How much the process's resident memory grows over 1,500 connections made and closed, after 100
    /// that warm up the contexts and the allocator.
    static func growthOverCycles() throws -> Int {
        let certificates = try TestCertificates.shared.get()
        let clientContext = try TLSContext(.client(serverName: "localhost", caFile: certificates.caFile))
        let serverContext = try TLSContext(
            .server(certificateChainFile: certificates.localhost.certificate, privateKeyFile: certificates.localhost.key))
        func cycle() throws {
            let pair = try EnginePair(client: clientContext, server: serverContext)
            pair.handshake()
            try pair.client.send(Array("[2,\"1\",\"Heartbeat\",{}]".utf8))
            pair.pump()
            pair.client.close()
            pair.pump()
            if pair.client.state != .closed { throw CycleError.notClosed }
        }
        for _ in 0..<100 { try cycle() }
        let before = try residentBytes()
        for _ in 0..<1_500 { try cycle() }
        return try residentBytes() - before
    }

    private enum CycleError: Error {
        case notClosed
        case unreadableStatm
    }

    private static func residentBytes() throws -> Int {
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { throw CycleError.unreadableStatm }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
