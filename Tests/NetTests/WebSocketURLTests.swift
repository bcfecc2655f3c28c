import Testing

@testable import Net

@Suite struct WebSocketURLTests {
    @Test func aWsURLGivesHostPortAndPathWithTheStationAppended() throws {
        let url = try WebSocketURL("ws://csms.example:8180/ocpp/")
        #expect(!url.isSecure)
        #expect(url.host == "csms.example")
        #expect(url.port == 8180)
        #expect(url.path == "/ocpp")
        #expect(url.requestPath(station: "GU0001") == "/ocpp/GU0001")
        #expect(url.hostHeader == "csms.example:8180")
    }

    @Test func defaultPortsFollowTheScheme() throws {
        #expect(try WebSocketURL("ws://a").port == 80)
        #expect(try WebSocketURL("wss://a").port == 443)
        #expect(try WebSocketURL("wss://a/x").hostHeader == "a")
        #expect(try WebSocketURL("WSS://a").isSecure)
    }

    @Test func anIPv6HostIsWrittenInBrackets() throws {
        let url = try WebSocketURL("ws://[::1]:9000/ocpp")
        #expect(url.host == "::1")
        #expect(url.port == 9000)
        #expect(url.hostHeader == "[::1]:9000")
        #expect(url.description == "ws://[::1]:9000/ocpp")
    }

    @Test func stationIdsArePercentEncodedInThePath() throws {
        #expect(try WebSocketURL("ws://a/ocpp").requestPath(station: "CP 42/b") == "/ocpp/CP%2042%2Fb")
        #expect(try WebSocketURL("ws://a").requestPath(station: "GU1") == "/GU1")
    }

    @Test(arguments: ["http://a/ocpp", "ws://", "ws://a:0/x", "ws://a:70000/x", "ws://[::1/x", "ws://user:pw@a/x"])
    func malformedURLsAreRefusedWithAReason(text: String) {
        #expect {
            try WebSocketURL(text)
        } throws: { error in
            guard let error = error as? NetError else { return false }
            return error.code == .invalidURL && error.description.contains(text)
        }
    }
}
