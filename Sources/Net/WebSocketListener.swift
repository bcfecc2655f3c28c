import CSystem
import Glibc
import WebSocket

/// One loop's listening socket: accepts connections and makes a server ``WebSocketChannel`` for each,
/// all served by the loop's handler.
final class WebSocketListener: Selectable, TimerOwner {
    private let loop: EventLoop
    private var fd: Int32
    private let handler: any WebSocketHandler
    private let options: WebSocketServerOptions
    private let tlsContext: TLSContext?

    init(
        loop: EventLoop, fd: Int32, handler: any WebSocketHandler, options: WebSocketServerOptions,
        tlsContext: TLSContext?
    ) {
        self.loop = loop
        self.fd = fd
        self.handler = handler
        self.options = options
        self.tlsContext = tlsContext
    }

    func readable() {
        // A bounded batch per wake-up, so that a connection storm does not starve the loop's other sockets.
        for _ in 0..<256 {
            let accepted: Int32
            do {
                switch try Syscall.accept(fd) {
                case .wouldBlock: return
                case .processed(let client): accepted = client
                }
            } catch {
                // Out of descriptors (EMFILE, ENFILE) or memory: the connection stays in the backlog, and
                // a level-triggered listener would wake the loop at once, forever. Pause, then retry.
                pauseAccepting()
                return
            }
            serve(accepted)
        }
    }

    private func serve(_ client: Int32) {
        do {
            let tls = try tlsContext.map { context throws in try TLSEngine(context: context) }
            let channel = WebSocketChannel(
                loop: loop, fd: client, phase: .handshaking, stationID: "", handler: handler, client: nil,
                codec: .server(configuration: options.limits), tls: tls, sourceAddress: nil)
            try loop.register(client, interest: .read, handler: channel)
            channel.armTimer(after: options.handshakeTimeout, tag: WebSocketChannel.TimerTag.openTimeout)
            try tls?.startHandshake()
        } catch {
            // The client hears its connection close; the listener serves the next one.
            loop.closeRegistered(client)
        }
    }

    func writable() {}

    private func pauseAccepting() {
        do {
            try loop.setInterest(fd, [])
            loop.scheduleTimer(after: .milliseconds(100), owner: self, tag: 0)
        } catch {
            close()
        }
    }

    func timerFired(_ tag: UInt32) {
        guard fd >= 0 else { return }
        do {
            try loop.setInterest(fd, .read)
        } catch {
            close()
        }
    }

    func loopClosing() {
        close()
    }

    func close() {
        guard fd >= 0 else { return }
        loop.deregister(fd)
        Syscall.close(fd)
        fd = -1
    }
}
