import Testing

@testable import Fleet

/// How a failed connection attempt reads in a storm's `refused_by_cause`: the HTTP status the CSMS
/// answered the upgrade with, found in the error's words.
@Suite struct ConnectFailureTests {
    @Test func theStatusOfARefusedUpgradeIsItsThreeDigits() {
        let description = "127.0.0.1:9000 refused the WebSocket upgrade: HTTP/1.1 503 Service Unavailable: busy"
        #expect(ConnectFailure.httpStatus(in: description) == "503")
        #expect(ConnectFailure.httpStatus(in: "127.0.0.1:9000 refused the WebSocket upgrade: HTTP/1.0 401") == "401")
    }

    @Test func aDescriptionWithoutAStatusLineHasNoStatus() {
        #expect(ConnectFailure.httpStatus(in: "127.0.0.1:9000 refused the WebSocket upgrade: no status line") == nil)
        #expect(ConnectFailure.httpStatus(in: "refused the WebSocket upgrade: HTTP/1.1 5x3 Odd") == nil)
    }
}
