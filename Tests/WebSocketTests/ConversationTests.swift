import Basics
import Testing
@testable import WebSocket

/// A client and a server connection talking to each other through byte arrays, as over a socket.
@Suite struct ConversationTests {
    /// Both ends and the bytes in flight between them.
    private struct Link {
        var client: WebSocketConnection
        var server: WebSocketConnection
        var toServer: [UInt8] = []
        var toClient: [UInt8] = []
        var clientSaw: [Seen] = []
        var serverSaw: [Seen] = []
        var offered: [WebSocketUpgradeRequest] = []

        init(
            credentials: WebSocketCredentials? = nil, seed: UInt64 = 7,
            configuration: WebSocketConfiguration = WebSocketConfiguration()
        ) {
            var random = SplitMix64(seed: seed)
            server = .server(configuration: configuration)
            client = .client(
                WebSocketClientRequest(host: "127.0.0.1:8180", path: "/ocpp/GU00042", credentials: credentials),
                configuration: configuration, random: &random, requestInto: &toServer)
        }

        /// Delivers the bytes in flight both ways, in reads of `chunk` bytes, until none are left
        /// (bounded: a conversation that keeps talking is a bug).
        mutating func deliver(chunk: Int = 4096, decide: (WebSocketUpgradeRequest) -> WebSocketRefusal? = { _ in nil }) {
            for _ in 0..<16 where !toServer.isEmpty || !toClient.isEmpty {
                let forServer = toServer
                toServer = []
                if !forServer.isEmpty {
                    serverSaw += feed(&server, forServer, chunk: chunk, output: &toClient) { request in
                        offered.append(request)
                        return decide(request)
                    }
                }
                let forClient = toClient
                toClient = []
                if !forClient.isEmpty {
                    clientSaw += feed(&client, forClient, chunk: chunk, output: &toServer)
                }
            }
        }
    }

    @Test func clientAndServerOpenExchangeAndClose() throws {
        var link = Link()
        link.deliver()
        #expect(link.serverSaw == [.upgradeRequested(path: "/ocpp/GU00042", credentials: nil)])
        #expect(link.clientSaw == [.opened])
        #expect(link.offered.first?.stationIdentity == "GU00042")

        try link.client.send(text: "[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"Legrand\"}]", into: &link.toServer)
        link.deliver()
        #expect(link.serverSaw.last == .text("[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"Legrand\"}]"))

        try link.server.send(text: "[3,\"19223201\",{\"status\":\"Accepted\",\"interval\":300}]", into: &link.toClient)
        link.deliver()
        #expect(link.clientSaw.last == .text("[3,\"19223201\",{\"status\":\"Accepted\",\"interval\":300}]"))

        try [UInt8]([0, 0, 0, 1]).withUnsafeBytes { try link.client.sendPing($0, into: &link.toServer) }
        link.deliver()
        #expect(link.clientSaw.last == .pong([0, 0, 0, 1]))

        link.client.close(.normalClosure, reason: "station shutting down", into: &link.toServer)
        link.deliver()
        #expect(link.serverSaw.last == .closed(1000, "station shutting down"))
        #expect(link.clientSaw.last == .closed(1000, ""))
        #expect(link.client.isClosed && link.server.isClosed)
    }

    @Test func largeBinaryMessagesCrossBothWaysInSmallReads() throws {
        var link = Link(configuration: acceptingBinary)
        link.deliver()
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
        try payload.withUnsafeBytes { try link.client.send(binary: $0, into: &link.toServer) }
        try payload.withUnsafeBytes { try link.server.send(binary: $0, into: &link.toClient) }
        link.deliver(chunk: 1500)
        #expect(link.serverSaw.last == .binary(payload))
        #expect(link.clientSaw.last == .binary(payload))
    }

    @Test func credentialsReachTheServerAndARefusalReachesTheClient() {
        var link = Link(credentials: WebSocketCredentials(username: "GU00042", password: "wrong"))
        link.deliver { request in request.credentials?.password == "secret" ? nil : .unauthorized }
        #expect(link.offered.first?.credentials == WebSocketCredentials(username: "GU00042", password: "wrong"))
        #expect(link.clientSaw == [.failed(.unexpectedStatus, closeCode: nil)])
        #expect(link.server.isClosed && link.client.isClosed)
    }

    @Test func clientFramesAreMaskedWithDifferentKeys() throws {
        var link = Link()
        link.deliver()
        try link.client.send(text: "same", into: &link.toServer)
        try link.client.send(text: "same", into: &link.toServer)
        #expect(link.toServer.count == 2 * (2 + 4 + 4))
        #expect(link.toServer[1] & 0x80 != 0)
        #expect(link.toServer[2..<6] != link.toServer[12..<16])
    }
}
