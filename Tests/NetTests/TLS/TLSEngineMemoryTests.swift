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
    /// bound leaves room for the allocator and for the tests running beside this one in the same process,
    /// which have been seen to add 13 MiB.
    @Test func thousandsOfConnectionsMadeAndClosedDoNotGrowMemory() throws {
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
            #expect(pair.client.state == .closed)
        }
        for _ in 0..<100 { try cycle() }
        let before = try residentBytes()
        for _ in 0..<1_500 { try cycle() }
        let growth = try residentBytes() - before
        #expect(growth < 24 << 20, "resident memory grew by \(growth >> 10) KiB over 1,500 connections")
    }

    private func residentBytes() throws -> Int {
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
