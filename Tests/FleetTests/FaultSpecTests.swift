import Testing

@testable import Fleet

/// `run --fault SPEC`: one small grammar read into the profile's own events.
@Suite struct FaultSpecTests {
    @Test(arguments: [
        ("partition@60s:30s", TimedEvent(at: 60_000, action: .linkFault(share: 1, .partition(durationMilliseconds: 30_000)))),
        (
            "slow@1m:2m:latency=200ms,bandwidth=64kB/s",
            TimedEvent(
                at: 60_000,
                action: .linkFault(
                    share: 1, .slow(durationMilliseconds: 120_000, latencyMilliseconds: 200, bytesPerSecond: 64_000)))
        ),
        (
            "slow@0s:10s:bandwidth=512kbit/s",
            TimedEvent(
                at: 0,
                action: .linkFault(share: 1, .slow(durationMilliseconds: 10_000, latencyMilliseconds: 0, bytesPerSecond: 64_000)))
        ),
        (
            "stall@30s:1m:loss=2%",
            TimedEvent(at: 30_000, action: .linkFault(share: 1, .stall(durationMilliseconds: 60_000, lossRate: 0.02)))
        ),
        ("drop@2m:stations=1-500", TimedEvent(at: 120_000, action: .dropLinks(share: 1, how: .fin), stations: 1...500)),
        (
            "drop@1m30s:how=reset,share=40%:stations=7",
            TimedEvent(at: 90_000, action: .dropLinks(share: 0.4, how: .reset), stations: 7...7)
        ),
        (
            "partition@5s:6s:stations=11-20,share=50%",
            TimedEvent(at: 5_000, action: .linkFault(share: 0.5, .partition(durationMilliseconds: 6_000)), stations: 11...20)
        ),
    ])
    func aSpecReadsAsTheEventAProfileWouldHold(spec: String, event: TimedEvent) throws {
        #expect(try FaultSpec.parse(spec) == event)
    }

    @Test(arguments: [
        ("partition", "KIND@AT"),
        ("flood@1s:2s", "a fault kind among partition, slow, stall, drop"),
        ("partition@soon:2s", "a time after \"partition@\""),
        ("partition@60s", "a duration after \"partition@60s:\""),
        ("partition@60s:0s", "a duration such as 30s"),
        ("slow@1s:2s", "latency=T or bandwidth=R"),
        ("slow@1s:2s:bandwidth=fast", "bandwidth=R such as 64kB/s"),
        ("stall@1s:2s", "loss=P% for stall"),
        ("stall@1s:2s:loss=0.5", "loss=P% with P above 0"),
        ("drop@1s:5s", "no duration for drop"),
        ("drop@1s:how=slam", "how=fin, how=reset or how=close"),
        ("drop@1s:stations=0-5", "stations=A-B with 1 <= A <= B"),
        ("drop@1s:stations=9-3", "stations=A-B with 1 <= A <= B"),
        ("partition@1s:2s:latency=1s", "an option of partition among stations, share"),
        ("drop@1s:share=40%,share=50%", "each option once"),
        ("drop@1s:share", "a duration such as 30s, or OPTION=VALUE"),
        ("drop@1s:how=fin,share", "OPTION=VALUE, found \"share\""),
    ])
    func aBadSpecSaysWhatWasExpected(spec: String, expected: String) {
        let error = #expect(throws: FaultSpecError.self) { try FaultSpec.parse(spec) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.hasPrefix("\"\(spec)\": expected ") == true)
    }

    @Test(arguments: [
        ("500B/s", 500), ("64kB/s", 64_000), ("1MB/s", 1_000_000), ("8bit/s", 1), ("512kbit/s", 64_000), ("2Mbit/s", 250_000),
    ])
    func bandwidthsReadInBytesPerSecond(text: String, bytes: Int) {
        #expect(FaultSpec.bandwidth(text) == bytes)
    }

    @Test func aBandwidthNeedsAUnitAndMoreThanZero() {
        #expect(FaultSpec.bandwidth("64000") == nil)
        #expect(FaultSpec.bandwidth("0kB/s") == nil)
        #expect(FaultSpec.bandwidth("1bit/s") == nil)
    }

    @Test func faultsOfTheCommandLineAreTimedOnTheWallClock() throws {
        var configuration = FleetRunConfiguration(profile: try RunFixtures.profile())
        configuration.speed = 30
        configuration.addFaults([try FaultSpec.parse("partition@10s:5s")])
        // Ten wall seconds at speed 30 are five profile minutes; the partition's own length stays wall time.
        #expect(
            configuration.profile.events.last
                == TimedEvent(at: 300_000, action: .linkFault(share: 1, .partition(durationMilliseconds: 5_000))))
    }
}
