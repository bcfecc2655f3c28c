import Basics
import Foundation
import Testing
import WebSocket

@testable import Net

/// What ``LinkConditions`` do to a link between our client and our server: a partition holds everything
/// and lets it through when it heals, latency and bandwidth delay each direction, lost segments stall it.
@Suite(.serialized) struct LinkConditionsTests {
    /// A client and an echoing (or silent) server on one loop, the client's link opened.
    private struct Pair {
        let testLoop: TestLoop
        let serverSide: ChannelRecorder
        let clientSide: ChannelRecorder
        /// The client's channel from the moment it is made, before it opens.
        let connecting: ChannelBox
        var loop: EventLoop { testLoop.loop }

        func shutdown() { testLoop.shutdown() }

        /// Sends a message to an echoing server of its own and back, over a link without conditions on the
        /// same loop: what this pair's link would have carried by then, had nothing held it, has arrived.
        func roundTripBeside() async throws {
            let echo = ChannelRecorder(echoes: true)
            let control = ChannelRecorder()
            try await testLoop.connect(control, to: try await testLoop.server(echo), station: "CONTROL")
            #expect(await control.wait { $0.openedCount == 1 })
            try await loop.submit { control.channels[0].send(text: "control") }
            #expect(await control.wait { $0.texts == ["control"] })
            // The loop has ended the pass that read it, and so read whatever was ready beside it.
            try await loop.submit {}
        }
    }

    /// Holds a channel for the loop's tasks. @unchecked Sendable: touched only on the loop.
    final class ChannelBox: @unchecked Sendable {
        var channel: WebSocketChannel?
    }

    private func openPair(echoes: Bool = true, conditions: LinkConditions? = nil) async throws -> Pair {
        let testLoop = try TestLoop()
        let serverSide = ChannelRecorder(echoes: echoes)
        let clientSide = ChannelRecorder()
        let connecting = ChannelBox()
        try await testLoop.connect(
            clientSide, to: try await testLoop.server(serverSide), station: "CS1", conditions: conditions
        ) { connecting.channel = $0 }
        return Pair(testLoop: testLoop, serverSide: serverSide, clientSide: clientSide, connecting: connecting)
    }

    private static func inAMinute() -> UInt64 { EventLoop.now() + 60_000_000_000 }

    @Test func aPartitionHoldsBothDirectionsAndLetsEverythingThroughInOrderWhenItHeals() async throws {
        let pair = try await openPair(echoes: false)
        defer { pair.shutdown() }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        #expect(await pair.serverSide.wait { $0.openedCount == 1 })
        try await pair.loop.submit {
            pair.clientSide.channels[0].conditions = LinkConditions(partitionedUntil: Self.inAMinute())
            pair.clientSide.channels[0].send(text: "first")
            pair.clientSide.channels[0].send(text: "second")
            pair.serverSide.channels[0].send(text: "answer")
        }
        try await pair.roundTripBeside()
        #expect(pair.serverSide.events.texts.isEmpty)
        #expect(pair.clientSide.events.texts.isEmpty)
        let open = try await pair.loop.submit { pair.clientSide.channels.first?.isOpen ?? false }
        #expect(open)

        try await pair.loop.submit { pair.clientSide.channels[0].conditions = nil }
        #expect(await pair.serverSide.wait { $0.texts.count == 2 })
        #expect(pair.serverSide.events.texts == ["first", "second"])
        #expect(await pair.clientSide.wait { $0.texts == ["answer"] })
    }

    @Test func underAPartitionPingsGoUnansweredAndTheLinkIsGivenUp() async throws {
        let pair = try await openPair()
        defer { pair.shutdown() }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        try await pair.loop.submit {
            pair.clientSide.channels[0].pingInterval = .milliseconds(200)
            pair.clientSide.channels[0].conditions = LinkConditions(partitionedUntil: Self.inAMinute())
        }
        guard case .failed(let error) = await pair.clientSide.firstCloseReason() else {
            Issue.record("expected the link to fail")
            return
        }
        #expect(error.code == .pingTimeout)
    }

    @Test func aLinkGivenUpDuringAPartitionIsResetWhenItHealsNotBefore() async throws {
        let pair = try await openPair()
        defer { pair.shutdown() }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        #expect(await pair.serverSide.wait { $0.openedCount == 1 })
        let heals = EventLoop.now() + 3_000_000_000
        try await pair.loop.submit {
            pair.clientSide.channels[0].conditions = LinkConditions(partitionedUntil: heals)
            pair.clientSide.channels[0].abort()
        }
        #expect(await pair.clientSide.firstCloseReason() != nil)
        // The server cannot know before the network heals: looked at first, then checked against the clock.
        try await pair.roundTripBeside()
        let seenBeforeTheHeal = pair.serverSide.closeReasons
        if EventLoop.now() < heals { #expect(seenBeforeTheHeal.isEmpty) }
        guard case .failed(let error) = await pair.serverSide.firstCloseReason() else {
            Issue.record("expected the server's side to fail")
            return
        }
        #expect(EventLoop.now() >= heals)
        #expect(error.description.contains("reset"), "\(error)")
    }

    @Test func aConnectUnderAPartitionWaitsForItToHeal() async throws {
        let pair = try await openPair(conditions: LinkConditions(partitionedUntil: Self.inAMinute()))
        defer { pair.shutdown() }
        try await pair.roundTripBeside()
        #expect(pair.clientSide.events.isEmpty)
        #expect(pair.serverSide.events.isEmpty)
        try await pair.loop.submit { pair.connecting.channel?.conditions = nil }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        #expect(await pair.serverSide.wait { $0.openedCount == 1 })
    }

    @Test func aTCPResetReachesThePeerAsAResetAndACloseWithoutFrameAsAnEndOfStream() async throws {
        for reset in [true, false] {
            let pair = try await openPair()
            defer { pair.shutdown() }
            #expect(await pair.clientSide.wait { $0.openedCount == 1 })
            #expect(await pair.serverSide.wait { $0.openedCount == 1 })
            try await pair.loop.submit { pair.clientSide.channels[0].abort(reset: reset) }
            guard case .failed(let error) = await pair.serverSide.firstCloseReason() else {
                Issue.record("expected the server's side to fail")
                continue
            }
            #expect(error.code == .abruptClose)
            #expect(error.description.contains("reset") == reset, "\(error)")
        }
    }

    @Test func latencyDelaysEachDirectionOfARoundTrip() async throws {
        let pair = try await openPair(conditions: LinkConditions(latency: .milliseconds(150)))
        defer { pair.shutdown() }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        let sent = EventLoop.now()
        try await pair.loop.submit { pair.clientSide.channels[0].send(text: "ping") }
        #expect(await pair.clientSide.wait { $0.texts == ["ping"] })
        #expect(EventLoop.now() - sent >= 300_000_000)
    }

    @Test func aBandwidthCapPacesABurst() async throws {
        let pair = try await openPair(echoes: false, conditions: LinkConditions(bytesPerSecond: 40_000))
        defer { pair.shutdown() }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        let sent = EventLoop.now()
        let message = String(repeating: "m", count: 20_000)
        try await pair.loop.submit { pair.clientSide.channels[0].send(text: message) }
        #expect(await pair.serverSide.wait { $0.texts.count == 1 })
        #expect(pair.serverSide.events.texts == [message])
        #expect(EventLoop.now() - sent >= 500_000_000)
    }

    @Test func aLostChunkStallsEverythingBehindItForRetransmissionTimeoutsThatDouble() {
        let shaper = LinkShaper(LinkConditions(lossRate: 1))
        let timeout = LinkConditions.retransmissionTimeout.nanoseconds
        let first = shaper.releaseTime(&shaper.outbound, count: 10, now: 1_000)
        // Lost every time: 200 + 400 + ... + 6,400 ms, the last doubling the stall allows.
        #expect(first == 1_000 + timeout * 63)
        shaper.conditions.lossRate = 0
        #expect(shaper.releaseTime(&shaper.outbound, count: 10, now: 2_000) == first)
    }

    @Test func aLinkWithoutConditionsPaysNothing() async throws {
        let pair = try await openPair(conditions: LinkConditions(latency: .milliseconds(20)))
        defer { pair.shutdown() }
        #expect(await pair.clientSide.wait { $0.openedCount == 1 })
        try await pair.loop.submit {
            pair.clientSide.channels[0].conditions = nil
            pair.clientSide.channels[0].send(text: "plain")
        }
        #expect(await pair.clientSide.wait { $0.texts == ["plain"] })
        let conditions = try await pair.loop.submit { pair.clientSide.channels[0].conditions }
        #expect(conditions == nil)
    }
}
