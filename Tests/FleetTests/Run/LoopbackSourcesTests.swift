import Basics
import Testing

@testable import Fleet

/// Which loopback addresses a fleet connects from when none are given: about 2,000 stations each against a
/// CSMS on 127.x, each shard of the fleet with addresses no other shard uses.
@Suite struct LoopbackSourcesTests {
    @Test func aWholeFleetOfAtMostTwoThousandStationsLeavesTheChoiceToTheSystem() {
        #expect(LoopbackSources.addresses(csmsHost: "127.0.0.1", fleetSize: 2_000, shard: .whole).isEmpty)
    }

    @Test func aLargerFleetConnectsFromAboutTwoThousandStationsPerAddress() {
        #expect(
            LoopbackSources.addresses(csmsHost: "127.0.0.1", fleetSize: 19_000, shard: .whole)
                == (1...10).map { "127.0.0.\($0)" })
    }

    @Test func eachShardHasABlockOfItsOwn() {
        let shards = (0..<3).map { index in
            LoopbackSources.addresses(
                csmsHost: "127.0.0.1", fleetSize: 50_000, shard: FleetShard(index: index, count: 3))
        }
        #expect(shards.map(\.count) == [9, 9, 9])
        #expect(Set(shards.joined()).count == 27)
        #expect(shards[2].first == "127.0.0.19")
        #expect(shards[2].last == "127.0.0.27")
    }

    @Test func aShardOfASmallFleetStillHasAnAddressOfItsOwn() {
        #expect(
            LoopbackSources.addresses(csmsHost: "127.0.0.1", fleetSize: 30, shard: FleetShard(index: 2, count: 3))
                == ["127.0.0.3"])
    }

    @Test func addressesPastTheFourthOctetGoOnInTheThird() {
        let addresses = LoopbackSources.addresses(
            csmsHost: "127.0.0.1", fleetSize: 600_000, shard: .whole)
        #expect(addresses.count == 300)
        #expect(addresses[249] == "127.0.0.250")
        #expect(addresses[250] == "127.0.1.1")
    }

    @Test(arguments: ["csms.example", "10.0.0.7", "::1", "localhost", "127.0.0"])
    func aCSMSNotOnALiteral127AddressLeavesTheChoiceToTheSystem(host: String) {
        #expect(LoopbackSources.addresses(csmsHost: host, fleetSize: 50_000, shard: .whole).isEmpty)
    }
}
