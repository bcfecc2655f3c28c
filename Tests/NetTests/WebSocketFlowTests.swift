import Foundation
import Glibc
import Testing
import WebSocket

@testable import Net

/// Large messages, back-pressure and size limits between our client and our server.
@Suite(.serialized) struct WebSocketFlowTests {
    @Test func aMessageLargerThanTheSocketBuffersArrivesWholeBothWays() async throws {
        // One loop for both sides: while the client sends, the server cannot read, so with small socket
        // buffers the kernel takes only part of the message and the rest must wait for writability.
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder(echoes: true)
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: try await testLoop.server(serverSide), station: "BIG")
        try #require(await clientSide.wait { $0.openedCount == 1 })
        try #require(await serverSide.wait { $0.openedCount == 1 })
        let large = String(decoding: (0..<(256 << 10)).map { UInt8(ascii: "a") + UInt8($0 % 26) }, as: UTF8.self)
        let buffered = try await testLoop.loop.submit {
            try Self.shrinkBuffers(client: clientSide, server: serverSide)
            clientSide.channels[0].send(text: large)
            return clientSide.channels[0].bufferedBytes
        }
        #expect(buffered > 0)
        #expect(await clientSide.wait { $0.texts.count == 1 })
        #expect(clientSide.events.texts.first == large)
        let drained = try await testLoop.loop.submit { clientSide.channels[0].bufferedBytes }
        #expect(drained == 0)
    }

    /// Small socket buffers on both sides of the first link, so that the kernel soon takes no more.
    private static func shrinkBuffers(client: ChannelRecorder, server: ChannelRecorder) throws {
        try Syscall.setOption(client.channels[0].fd, level: SOL_SOCKET, name: SO_SNDBUF, value: 4096)
        try Syscall.setOption(server.channels[0].fd, level: SOL_SOCKET, name: SO_RCVBUF, value: 4096)
    }

    @Test func aPeerThatStopsReadingTurnsTheChannelUnwritable() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["silent"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: try await peer.url(), station: "SLOW")
        try #require(await recorder.wait { $0.openedCount == 1 })
        let chunk = String(repeating: "z", count: 60_000)
        // nil once the channel closed (the peer gave up): the loop ends and the expectations say so.
        var writable: Bool? = true
        for _ in 0..<200 where writable == true {
            writable = try await testLoop.loop.submit {
                guard let channel = recorder.channels.first else { return nil }
                for _ in 0..<10 { channel.send(text: chunk) }
                return channel.isWritable
            }
        }
        #expect(writable == false, "\(recorder.closeReasons)")
        let buffered = try await testLoop.loop.submit { recorder.channels.first?.bufferedBytes ?? 0 }
        #expect(buffered >= WebSocketChannel.highWaterMark)
    }

    @Test func aPeerThatStopsReadingFillsTheLoopsSendQueueUntilItsLinkCloses() async throws {
        let peer = try PythonProcess(script: "ws_server.py", arguments: ["silent"])
        defer { peer.stop() }
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let loop = testLoop.loop
        let recorder = ChannelRecorder()
        try await testLoop.connect(recorder, to: try await peer.url(), station: "SLOW")
        try #require(await recorder.wait { $0.openedCount == 1 })
        #expect(try await loop.submit { loop.sendQueue } == SendQueueDepth())
        let chunk = String(repeating: "q", count: 60_000)
        var depths: [Int] = []
        // The peer reads for a while (its library queues some messages) whenever it gets a CPU: the queue
        // may shrink between two rounds, but it must pass what the kernel (4 MiB sent, 32 MiB received at
        // most here) and the peer can hold.
        let full = 48 << 20
        for _ in 0..<400 where (depths.last ?? 0) < full {
            let (depth, buffered) = try await loop.submit {
                for _ in 0..<10 { recorder.channels[0].send(text: chunk) }
                return (loop.sendQueue, recorder.channels[0].bufferedBytes)
            }
            if depth.bytes > 0 {
                #expect(depth.channels == 1)
                #expect(depth.bytes == buffered)
                depths.append(depth.bytes)
            }
        }
        // Once the kernel's buffers are full, what is sent waits, and the queue grows with it.
        #expect((depths.last ?? 0) >= full, "\(depths)")
        try await loop.submit { recorder.channels[0].abort() }
        #expect(try await loop.submit { loop.sendQueue } == SendQueueDepth())
    }

    @Test func aMessageOverTheServersLimitIsClosedWith1009() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder(echoes: true)
        let url = try await testLoop.server(
            serverSide,
            options: WebSocketServerOptions(limits: WebSocketConfiguration(maxFrameSize: 1024, maxMessageSize: 1024)))
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: url, station: "HUGE")
        try #require(await clientSide.wait { $0.openedCount == 1 })
        try await testLoop.loop.submit { clientSide.channels[0].send(text: String(repeating: "y", count: 2000)) }
        guard case .closed(let code, _) = await clientSide.firstCloseReason() else {
            Issue.record("expected the server to close the handshake with a code")
            return
        }
        #expect(code == 1009)
        #expect(await serverSide.failure()?.code == .protocolViolation)
    }

    @Test func abortingClosesAtOnceAndThePeerSeesAnAbruptClose() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder()
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: try await testLoop.server(serverSide), station: "DROP")
        try #require(await serverSide.wait { $0.openedCount == 1 })
        try await testLoop.loop.submit { clientSide.channels[0].abort() }
        // Our side reports the abort, the server sees the link drop.
        #expect(await clientSide.failure()?.code == .abruptClose)
        #expect(await serverSide.failure()?.code == .abruptClose)
    }

    @Test func aChannelThatTurnedUnwritableTellsItsHandlerOnceDrained() async throws {
        let testLoop = try TestLoop()
        defer { testLoop.shutdown() }
        let serverSide = ChannelRecorder()
        let clientSide = ChannelRecorder()
        try await testLoop.connect(clientSide, to: try await testLoop.server(serverSide), station: "FLOW")
        try #require(await serverSide.wait { $0.openedCount == 1 })
        try #require(await clientSide.wait { $0.openedCount == 1 })
        // Same loop, small buffers: the server reads only after this task, so the sends pile up first.
        let writable = try await testLoop.loop.submit {
            try Self.shrinkBuffers(client: clientSide, server: serverSide)
            let chunk = String(repeating: "w", count: 50_000)
            for _ in 0..<8 { clientSide.channels[0].send(text: chunk) }
            return clientSide.channels[0].isWritable
        }
        #expect(!writable)
        #expect(await clientSide.wait { $0.contains(.writable) })
        #expect(await serverSide.wait { $0.texts.count == 8 })
    }
}
