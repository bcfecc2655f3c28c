import Basics
import Foundation
import Testing

@testable import CLI

@Test(arguments: [
    ("90s", Duration.seconds(90)), ("10m", .seconds(600)), ("2h", .seconds(7200)),
    ("1h30m", .seconds(5400)), ("250ms", .milliseconds(250)), ("1d", .seconds(86_400)),
    ("1.5", .milliseconds(1500)),
])
func durationsReadAsUsersWriteThem(text: String, expected: Duration) throws {
    #expect(try Duration.argument(text) == expected)
}

@Test(arguments: ["", "10x", "m", "-5s", "5s3", "1e400"])
func malformedDurationsAreRefused(text: String) {
    #expect(throws: ValueError.self) { try Duration.argument(text) }
}

@Test func ratesReadWithOrWithoutPerSecond() throws {
    #expect(try Rate.argument("200/s") == 200)
    #expect(try Rate.argument("12.5") == 12.5)
    #expect(throws: ValueError.self) { try Rate.argument("0/s") }
}

@Test func shardsAreOneBasedOnTheCommandLineAndZeroBasedInside() throws {
    #expect(try FleetShard.argument("2/4") == FleetShard(index: 1, count: 4))
    for bad in ["0/4", "5/4", "1/0", "a/b", "1"] {
        #expect(throws: ValueError.self) { try FleetShard.argument(bad) }
    }
}

@Test func listenAddressesTakeIPv4IPv6OrAPortAlone() throws {
    #expect(try HostPort.argument("127.0.0.1:9000") == HostPort(host: "127.0.0.1", port: 9000))
    #expect(try HostPort.argument("[::1]:80") == HostPort(host: "::1", port: 80))
    #expect(try HostPort.argument(":9000") == HostPort(host: "127.0.0.1", port: 9000))
    for bad in ["9000", "host:70000", "::1:80", "[::1:80"] {
        #expect(throws: ValueError.self) { try HostPort.argument(bad) }
    }
}

@Test func sourceAddressRangesExpandInOrder() throws {
    #expect(try SourceAddresses.argument("127.0.0.254-127.0.1.1") == [
        "127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1",
    ])
    #expect(try SourceAddresses.argument("127.0.0.1,127.0.0.3") == ["127.0.0.1", "127.0.0.3"])
    for bad in ["127.0.0.9-127.0.0.1", "127.0.0", "localhost", "127.0.0.256"] {
        #expect(throws: ValueError.self) { try SourceAddresses.argument(bad) }
    }
}

@Test func sharesReadAsFractionsOrPercentages() throws {
    #expect(try Count.fraction("5%") == 0.05)
    #expect(try Count.fraction("0.2") == 0.2)
    #expect(throws: ValueError.self) { try Count.fraction("120%") }
}

@Test func csmsURLsMustBeWebSocketURLsWithoutCredentials() throws {
    #expect(try CSMSURL.argument("ws://127.0.0.1:9000/ocpp").host == "127.0.0.1")
    for bad in ["http://127.0.0.1:9000", "ws://", "ws://user:secret@127.0.0.1/ocpp", "127.0.0.1:9000"] {
        #expect(throws: ValueError.self) { try CSMSURL.argument(bad) }
    }
}

@Test func aCSMSURLWhoseIPAddressCannotExistIsRefused() throws {
    for good in ["ws://[::1]:9000/ocpp", "wss://csms.example/ocpp", "ws://10.0.0.255:80/", "ws://csms-2.example/"] {
        #expect(throws: Never.self) { try CSMSURL.argument(good) }
    }
    for bad in ["ws://256.1.1.1/", "ws://1.2.3/ocpp", "ws://[::zz]:9000/", "ws://1.2.3.4.5/"] {
        #expect(throws: ValueError.self, "\(bad)") { try CSMSURL.argument(bad) }
    }
}
