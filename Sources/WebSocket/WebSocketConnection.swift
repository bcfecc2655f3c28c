import Basics

/// One end of a WebSocket connection (RFC 6455) speaking OCPP 1.6J, as a sans-I/O state machine:
/// bytes in, events and bytes out. It holds no socket, no clock and no buffer of its own while idle.
///
/// ## Overview
///
/// A transport owns the socket and one read buffer per event loop. It creates a connection with
/// ``client(_:configuration:random:requestInto:)`` once the TCP (and TLS) link is up, or with
/// ``server(configuration:)`` for an accepted socket, then feeds it every read and writes out whatever
/// the connection appended to its output buffer:
///
/// ```swift
/// var output: [UInt8] = []        // the loop's write buffer, reused from one connection to the next
/// var connection = WebSocketConnection.client(
///     WebSocketClientRequest(host: "csms.example:8180", path: "/ocpp/GU00001"),
///     random: &loopRandom, requestInto: &output)
/// write(socket, output); output.removeAll(keepingCapacity: true)
///
/// // On readable: read into the loop's buffer, then drain every event from those bytes.
/// let count = read(socket, loopBuffer.baseAddress, loopBuffer.count)
/// var unread = UnsafeMutableRawBufferPointer(rebasing: loopBuffer[..<count])   // or inputEnded() at EOF
/// while let event = connection.receive(&unread, into: &output) {
///     switch event {
///     case .opened: station.connected()
///     case .text(let payload): payload.withUnsafeBytes { station.received($0) }   // read it now
///     case .binary, .pong: break
///     case .upgradeRequested(let request):                                       // servers only
///         if isKnown(request.stationIdentity, request.credentials) {
///             connection.acceptUpgrade(into: &output)
///         } else {
///             connection.refuseUpgrade(.unauthorized, into: &output)
///         }
///     case .closed, .failed: closeAfterFlushing = true
///     }
/// }
/// try connection.send(text: reply, into: &output)   // pongs and close replies are already in `output`
/// write(socket, output); output.removeAll(keepingCapacity: true)
/// ```
///
/// Each call to ``receive(_:into:)`` consumes bytes from the front of `unread` and returns at most one
/// event, so the caller may send between events. A message that lies whole in the buffer is delivered
/// in place, unmasked where it lies; the connection copies bytes only when a frame or an HTTP head
/// straddles two reads, or a message comes in fragments, and frees them as soon as it is complete.
/// Every limit of ``WebSocketConfiguration`` is checked before anything is kept.
///
/// Pings are answered by the connection itself; ``sendPing(_:into:)`` lets the transport send its own
/// on a timer. A peer breaking the protocol gets a close frame with the right code (1002, 1007, 1009, and
/// 1003 for a binary frame unless ``WebSocketConfiguration/acceptsBinaryMessages``) and the caller a
/// ``WebSocketEvent/failed(_:)``.
///
/// A connection belongs to the event loop that owns its socket; it is deliberately not `Sendable`.
public struct WebSocketConnection {
    private enum State {
        /// Client: the request is sent; its key, as two words, decides the expected accept value.
        case clientAwaitingAnswer(key: (UInt64, UInt64))
        /// Client: the server refused the upgrade; its body's first bytes are collected in `carry`.
        indirect case clientReadingRefusal(ClientHandshake.RefusalBody)
        case serverAwaitingRequest
        /// Server: the request is valid and offered to the caller, who accepts or refuses it.
        case serverAwaitingDecision(key: (UInt64, UInt64))
        case open
        /// We sent a close frame and wait for the peer's.
        case closing
        case closed
    }

    // Declared small to large so that the one-byte fields fill the state's padding: 56 bytes in all.
    private var state: State
    /// The kind of the fragmented message in progress, if any.
    private var fragmentOpcode: WebSocketOpcode?
    private let isClient: Bool
    // The configuration's fields, kept one by one: as a whole its Bool would cost 8 bytes of padding.
    private let acceptsBinaryMessages: Bool
    private let maxFrameSize: UInt32
    private let maxMessageSize: UInt32
    private let maxHandshakeSize: UInt32
    /// Bytes kept across reads: an incomplete HTTP head or frame, or the start of a refusal's body.
    private var carry: [UInt8] = []
    /// The payloads of a fragmented message's frames so far, unmasked.
    private var message: [UInt8] = []
    /// The masking keys' generator; only clients mask.
    private var masking: SplitMix64

    private init(state: State, isClient: Bool, maskingSeed: UInt64, configuration: WebSocketConfiguration) {
        self.state = state
        self.isClient = isClient
        masking = SplitMix64(seed: maskingSeed)
        acceptsBinaryMessages = configuration.acceptsBinaryMessages
        maxFrameSize = configuration.maxFrameSize
        maxMessageSize = configuration.maxMessageSize
        maxHandshakeSize = configuration.maxHandshakeSize
    }

    /// Starts a client connection: appends the upgrade request to `output`.
    ///
    /// - Parameters:
    ///   - request: The host, path and credentials to ask for; the subprotocol is always `ocpp1.6`.
    ///   - configuration: Limits on what the server may send.
    ///   - random: The source of the `Sec-WebSocket-Key` and of the seed of the frames' masking keys.
    ///     A seeded generator makes the connection's bytes reproducible.
    ///   - output: The buffer the request is appended to.
    /// - Returns: A connection waiting for the server's answer.
    public static func client(
        _ request: WebSocketClientRequest, configuration: WebSocketConfiguration = WebSocketConfiguration(),
        random: inout some RandomNumberGenerator, requestInto output: inout [UInt8]
    ) -> WebSocketConnection {
        let key = (random.next() as UInt64, random.next() as UInt64)
        ClientHandshake.appendRequest(request, key: ClientHandshake.keyText(key), to: &output)
        return WebSocketConnection(
            state: .clientAwaitingAnswer(key: key), isClient: true, maskingSeed: random.next(),
            configuration: configuration)
    }

    /// Starts a server connection, waiting for the client's upgrade request.
    ///
    /// - Parameter configuration: Limits on what the client may send.
    /// - Returns: A connection that reports ``WebSocketEvent/upgradeRequested(_:)`` once the request is in.
    public static func server(configuration: WebSocketConfiguration = WebSocketConfiguration()) -> WebSocketConnection {
        WebSocketConnection(state: .serverAwaitingRequest, isClient: false, maskingSeed: 0, configuration: configuration)
    }

    /// Whether the handshake is done and neither side has started closing: messages can be sent.
    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }

    /// Whether the connection is finished: the socket can be closed once the output is flushed.
    public var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// The bytes this connection holds beyond its own size: an incomplete frame or HTTP head, the
    /// fragments of an unfinished message. Zero while idle.
    public var bufferedByteCount: Int {
        carry.capacity + message.capacity
    }

    // MARK: Receiving

    /// Consumes bytes from the front of `input` until it finds an event, and returns it.
    ///
    /// Call it again with the rest of `input` until it returns `nil`: then every byte has been used or
    /// kept. After ``WebSocketEvent/upgradeRequested(_:)``, answer with ``acceptUpgrade(into:)`` or
    /// ``refuseUpgrade(_:into:)`` before calling it again: a client may send nothing before our answer,
    /// so bytes arriving then fail the connection. Once the connection is closed, bytes are ignored.
    ///
    /// - Parameters:
    ///   - input: The unread part of the transport's read buffer; advanced past what was consumed.
    ///     Masked payloads are unmasked in place, which is why it is mutable.
    ///   - output: Where answers are appended: pongs, close frames, HTTP error answers.
    /// - Returns: The next event, or `nil` when `input` holds no complete one.
    public mutating func receive(
        _ input: inout UnsafeMutableRawBufferPointer, into output: inout [UInt8]
    ) -> WebSocketEvent? {
        while true {
            switch state {
            case .clientAwaitingAnswer(let key):
                switch takeHead(&input) {
                case .incomplete:
                    return nil
                case .tooLarge:
                    return fail(WebSocketError(.handshakeTooLarge, "the server's answer head is too large"), &output)
                case .complete(let head):
                    switch ClientHandshake.verdict(on: head, key: ClientHandshake.keyText(key)) {
                    case .accepted:
                        state = .open
                        return .opened
                    case .refused(let body):
                        state = .clientReadingRefusal(body)
                    case .failed(let error):
                        return fail(error, &output)
                    }
                }
            case .clientReadingRefusal(let body):
                // A chunked body is taken byte by byte, to stop exactly at its last chunk.
                while !body.isComplete(carry), !input.isEmpty {
                    let count = body.isChunked ? 1 : min(body.length - carry.count, input.count)
                    carry.append(contentsOf: input[..<count])
                    input = UnsafeMutableRawBufferPointer(rebasing: input[count...])
                }
                guard body.isComplete(carry) else { return nil }
                return fail(body.error(carry), &output)
            case .serverAwaitingRequest:
                switch takeHead(&input) {
                case .incomplete:
                    return nil
                case .tooLarge:
                    ServerHandshake.appendAnswer(
                        status: "431 Request Header Fields Too Large", fields: [], body: "request head too large",
                        to: &output)
                    return fail(WebSocketError(.handshakeTooLarge, "the client's request head is too large"), &output)
                case .complete(let head):
                    switch ServerHandshake.verdict(on: head, output: &output) {
                    case .valid(let request, let key):
                        state = .serverAwaitingDecision(key: key)
                        return .upgradeRequested(request)
                    case .invalid(let error):
                        return fail(error, &output)
                    }
                }
            case .serverAwaitingDecision:
                guard !input.isEmpty else { return nil }
                // RFC 6455 §4.1: a client sends nothing more before it has read our answer.
                ServerHandshake.appendAnswer(
                    status: "400 Bad Request", fields: [], body: "data before the upgrade", to: &output)
                return fail(WebSocketError(.invalidRequest, "data sent before the upgrade was answered"), &output)
            case .open, .closing:
                guard !input.isEmpty else { return nil }
                switch decodeFrame(&input, &output) {
                case .needMoreInput: return nil
                case .handled: continue
                case .event(let event): return event
                }
            case .closed:
                input = UnsafeMutableRawBufferPointer(rebasing: input[input.endIndex...])
                return nil
            }
        }
    }

    /// Tells the connection its byte stream has ended (the peer closed the socket or it broke).
    ///
    /// - Returns: ``WebSocketEvent/failed(_:)`` when that ends the connection before its close
    ///   handshake (a refused upgrade reports its status here if the body was cut short), or `nil` when
    ///   the connection was already closed.
    public mutating func inputEnded() -> WebSocketEvent? {
        var unused: [UInt8] = []
        switch state {
        case .closed:
            return nil
        case .clientReadingRefusal(let body):
            return fail(body.error(carry), &unused)
        default:
            return fail(WebSocketError(.abruptClose, "the connection ended without a close handshake"), &unused)
        }
    }

    // MARK: Answering an upgrade (server)

    /// Accepts the upgrade request reported by ``WebSocketEvent/upgradeRequested(_:)``: appends the
    /// 101 answer selecting `ocpp1.6` to `output` and opens the connection.
    public mutating func acceptUpgrade(into output: inout [UInt8]) {
        guard case .serverAwaitingDecision(let key) = state else {
            preconditionFailure("acceptUpgrade called with no upgrade request waiting")
        }
        ServerHandshake.appendAcceptance(key: key, to: &output)
        state = .open
    }

    /// Refuses the upgrade request reported by ``WebSocketEvent/upgradeRequested(_:)``: appends the
    /// refusal to `output` and closes the connection.
    public mutating func refuseUpgrade(_ refusal: WebSocketRefusal, into output: inout [UInt8]) {
        guard case .serverAwaitingDecision = state else {
            preconditionFailure("refuseUpgrade called with no upgrade request waiting")
        }
        let challenge = refusal.statusCode == 401 ? ["WWW-Authenticate: Basic realm=\"OCPP\""] : []
        ServerHandshake.appendAnswer(
            status: "\(refusal.statusCode) \(refusal.reasonPhrase)", fields: challenge, body: refusal.reasonPhrase,
            to: &output)
        state = .closed
    }

    // MARK: Sending

    /// Appends a text message, in one frame, to `output`.
    ///
    /// - Parameters:
    ///   - text: The message's bytes, which must be valid UTF-8 (OCPP's JSON is).
    ///   - output: The buffer the frame is appended to.
    /// - Throws: ``WebSocketError/Code/notOpen`` when the connection is not open.
    public mutating func send(text: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(WebSocketError) {
        try sendMessage(.text, text, &output)
    }

    /// Appends a text message, in one frame, to `output`.
    ///
    /// - Throws: ``WebSocketError/Code/notOpen`` when the connection is not open.
    public mutating func send(text: String, into output: inout [UInt8]) throws(WebSocketError) {
        guard isOpen else { throw WebSocketError(.notOpen, "cannot send: the connection is not open") }
        var text = text
        let maskingKey = nextMaskingKey()
        text.withUTF8 { bytes in
            FrameWriter.append(opcode: .text, payload: UnsafeRawBufferPointer(bytes), maskingKey: maskingKey, to: &output)
        }
    }

    /// Appends a binary message, in one frame, to `output`.
    ///
    /// - Throws: ``WebSocketError/Code/notOpen`` when the connection is not open.
    public mutating func send(binary: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(WebSocketError) {
        try sendMessage(.binary, binary, &output)
    }

    /// Appends a ping to `output`; the peer's pong comes back as ``WebSocketEvent/pong(_:)``.
    ///
    /// - Parameters:
    ///   - payload: At most 125 bytes the pong will echo, such as a sequence number.
    ///   - output: The buffer the frame is appended to.
    /// - Throws: ``WebSocketError/Code/notOpen`` when the connection is not open.
    public mutating func sendPing(
        _ payload: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0), into output: inout [UInt8]
    ) throws(WebSocketError) {
        precondition(payload.count <= 125, "a ping carries at most 125 bytes")
        guard isOpen else { throw WebSocketError(.notOpen, "cannot ping: the connection is not open") }
        FrameWriter.append(opcode: .ping, payload: payload, maskingKey: nextMaskingKey(), to: &output)
    }

    /// Starts the close handshake: appends a close frame to `output`. The connection reports
    /// ``WebSocketEvent/closed(_:reason:)`` when the peer answers. Before the connection is open, it
    /// simply ends; once closing or closed, this does nothing.
    ///
    /// - Parameters:
    ///   - code: Why the connection closes.
    ///   - reason: A short explanation, cut to fit in a control frame.
    ///   - output: The buffer the frame is appended to.
    public mutating func close(
        _ code: WebSocketCloseCode = .normalClosure, reason: String = "", into output: inout [UInt8]
    ) {
        switch state {
        case .open:
            FrameWriter.appendClose(code: code, reason: reason, maskingKey: nextMaskingKey(), to: &output)
            state = .closing
        case .closing, .closed:
            break
        default:
            release()
            state = .closed
        }
    }

    private mutating func sendMessage(
        _ opcode: WebSocketOpcode, _ payload: UnsafeRawBufferPointer, _ output: inout [UInt8]
    ) throws(WebSocketError) {
        guard isOpen else { throw WebSocketError(.notOpen, "cannot send: the connection is not open") }
        FrameWriter.append(opcode: opcode, payload: payload, maskingKey: nextMaskingKey(), to: &output)
    }

    /// The next frame's masking key for a client, `nil` for a server.
    private mutating func nextMaskingKey() -> UInt32? {
        guard isClient else { return nil }
        return UInt32(truncatingIfNeeded: masking.next())
    }

    // MARK: Handshake heads

    private enum HeadResult {
        case incomplete
        case tooLarge
        case complete([UInt8])
    }

    /// Takes an HTTP head from the bytes kept so far and `input`, keeping it while it is incomplete.
    private mutating func takeHead(_ input: inout UnsafeMutableRawBufferPointer) -> HeadResult {
        var finder = HTTPHead.EndFinder(after: carry)
        let end = finder.end(in: UnsafeRawBufferPointer(input))
        let limit = Int(maxHandshakeSize)
        guard carry.count + (end ?? input.count) <= limit else { return .tooLarge }
        guard let end else {
            carry.append(contentsOf: input)
            input = UnsafeMutableRawBufferPointer(rebasing: input[input.endIndex...])
            return .incomplete
        }
        var head = carry
        carry = []
        head.append(contentsOf: input[..<end])
        input = UnsafeMutableRawBufferPointer(rebasing: input[end...])
        return .complete(head)
    }

    // MARK: Frames

    private enum FrameResult {
        case needMoreInput
        case handled
        case event(WebSocketEvent)
    }

    /// What a complete frame asks of its caller, who alone knows where the payload lives.
    private enum FrameOutcome {
        case handled
        case deliver(WebSocketOpcode)
        case event(WebSocketEvent)
    }

    /// Decodes at most one frame from the bytes kept so far and `input`.
    private mutating func decodeFrame(
        _ input: inout UnsafeMutableRawBufferPointer, _ output: inout [UInt8]
    ) -> FrameResult {
        if carry.isEmpty {
            guard let header = FrameHeader.parse(UnsafeRawBufferPointer(input)) else {
                carry.append(contentsOf: input)
                input = UnsafeMutableRawBufferPointer(rebasing: input[input.endIndex...])
                return .needMoreInput
            }
            if let error = violation(in: header) { return .event(fail(error, &output)) }
            let total = header.length + Int(header.payloadLength)
            guard input.count >= total else {
                carry.reserveCapacity(total)
                carry.append(contentsOf: input)
                input = UnsafeMutableRawBufferPointer(rebasing: input[input.endIndex...])
                return .needMoreInput
            }
            let payload = UnsafeMutableRawBufferPointer(rebasing: input[header.length..<total])
            input = UnsafeMutableRawBufferPointer(rebasing: input[total...])
            switch handleFrame(header, payload, &output) {
            case .handled: return .handled
            case .event(let event): return .event(event)
            case .deliver(let opcode): return .event(Self.event(opcode, .borrowed(UnsafeRawBufferPointer(payload))))
            }
        }

        // Complete the header first, taking no byte beyond it: the frame may be shorter than `input`.
        while carry.count < 2 || carry.count < FrameHeader.length(firstTwoBytes: carry[1]) {
            guard !input.isEmpty else { return .needMoreInput }
            let wanted = carry.count < 2 ? 2 : FrameHeader.length(firstTwoBytes: carry[1])
            let count = min(wanted - carry.count, input.count)
            carry.append(contentsOf: input[..<count])
            input = UnsafeMutableRawBufferPointer(rebasing: input[count...])
        }
        guard let header = carry.withUnsafeBytes(FrameHeader.parse) else { return .needMoreInput }
        if let error = violation(in: header) { return .event(fail(error, &output)) }
        let total = header.length + Int(header.payloadLength)
        carry.reserveCapacity(total)
        let count = min(total - carry.count, input.count)
        carry.append(contentsOf: input[..<count])
        input = UnsafeMutableRawBufferPointer(rebasing: input[count...])
        guard carry.count == total else { return .needMoreInput }

        var frame = carry
        carry = []
        let outcome = frame.withUnsafeMutableBytes { bytes in
            handleFrame(header, UnsafeMutableRawBufferPointer(rebasing: bytes[header.length...]), &output)
        }
        switch outcome {
        case .handled: return .handled
        case .event(let event): return .event(event)
        case .deliver(let opcode): return .event(Self.event(opcode, .owned(frame, header.length..<total)))
        }
    }

    private static func event(_ opcode: WebSocketOpcode, _ storage: WebSocketPayload.Storage) -> WebSocketEvent {
        let payload = WebSocketPayload(storage: storage)
        switch opcode {
        case .text: return .text(payload)
        case .binary: return .binary(payload)
        default: return .pong(payload)
        }
    }

    /// The rule of RFC 6455 a frame's header breaks, or a limit it exceeds, checked before its payload
    /// is kept.
    private func violation(in header: FrameHeader) -> WebSocketError? {
        func protocolError(_ reason: String) -> WebSocketError {
            WebSocketError(.protocolViolation, reason, closeCode: .protocolError)
        }
        guard header.reservedBits == 0 else { return protocolError("reserved bits set with no extension") }
        guard let opcode = WebSocketOpcode(rawValue: header.opcode) else {
            return protocolError("unknown opcode \(header.opcode)")
        }
        if opcode.isControl {
            guard header.fin else { return protocolError("fragmented control frame") }
            guard header.payloadLength <= 125 else { return protocolError("control frame longer than 125 bytes") }
        }
        if isClient, header.maskingKey != nil { return protocolError("masked frame from the server") }
        if !isClient, header.maskingKey == nil { return protocolError("unmasked frame from the client") }
        guard header.payloadLength >> 63 == 0 else { return protocolError("payload length with its top bit set") }
        if opcode == .binary, !acceptsBinaryMessages {
            return WebSocketError(
                .binaryMessage, "binary frame: OCPP-J messages are text", closeCode: .unsupportedData)
        }
        switch opcode {
        case .continuation where fragmentOpcode == nil:
            return protocolError("continuation frame with no message to continue")
        case .text where fragmentOpcode != nil, .binary where fragmentOpcode != nil:
            return protocolError("new message before the fragmented one ended")
        default:
            break
        }
        guard header.payloadLength <= UInt64(maxFrameSize) else {
            return WebSocketError(
                .messageTooBig, "frame of \(header.payloadLength) bytes exceeds \(maxFrameSize)",
                closeCode: .messageTooBig)
        }
        if !opcode.isControl {
            let messageLength = UInt64(opcode == .continuation ? message.count : 0) + header.payloadLength
            guard messageLength <= UInt64(maxMessageSize) else {
                return WebSocketError(
                    .messageTooBig, "message of \(messageLength) bytes exceeds \(maxMessageSize)",
                    closeCode: .messageTooBig)
            }
        }
        return nil
    }

    /// Acts on a complete frame whose header passed ``violation(in:)``.
    private mutating func handleFrame(
        _ header: FrameHeader, _ payload: UnsafeMutableRawBufferPointer, _ output: inout [UInt8]
    ) -> FrameOutcome {
        if let key = header.maskingKey { Masking.apply(key: key, to: payload) }
        let bytes = UnsafeRawBufferPointer(payload)
        switch WebSocketOpcode(rawValue: header.opcode) ?? .close {
        case .text where header.fin:
            guard UTF8Validation.isValid(bytes) else { return .event(fail(invalidText(), &output)) }
            return .deliver(.text)
        case .binary where header.fin:
            return .deliver(.binary)
        case .text, .binary, .continuation:
            if header.opcode != WebSocketOpcode.continuation.rawValue {
                fragmentOpcode = WebSocketOpcode(rawValue: header.opcode)
            }
            // Fragments of text are checked as they come, so that invalid text fails at once rather
            // than after a whole message has been kept.
            let resume = UTF8Validation.lastCodePointStart(in: message)
            message.append(contentsOf: bytes)
            if fragmentOpcode == .text, !message.withUnsafeBytes({
                UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: $0[resume...]), allowingIncompleteEnd: !header.fin)
            }) {
                return .event(fail(invalidText(), &output))
            }
            guard header.fin, let opcode = fragmentOpcode else { return .handled }
            let complete = message
            message = []
            fragmentOpcode = nil
            let payload = WebSocketPayload(storage: .owned(complete, 0..<complete.count))
            return .event(opcode == .text ? .text(payload) : .binary(payload))
        case .ping:
            if isOpen {
                FrameWriter.append(opcode: .pong, payload: bytes, maskingKey: nextMaskingKey(), to: &output)
            }
            return .handled
        case .pong:
            return .deliver(.pong)
        case .close:
            return .event(handleClose(bytes, &output))
        }
    }

    private func invalidText() -> WebSocketError {
        WebSocketError(.invalidUTF8, "text message is not valid UTF-8", closeCode: .invalidPayload)
    }

    private mutating func handleClose(_ bytes: UnsafeRawBufferPointer, _ output: inout [UInt8]) -> WebSocketEvent {
        var code: WebSocketCloseCode?
        var reason = ""
        if !bytes.isEmpty {
            guard bytes.count >= 2 else {
                return fail(WebSocketError(.protocolViolation, "close frame of one byte", closeCode: .protocolError), &output)
            }
            let received = WebSocketCloseCode(rawValue: UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
            guard received.isValidOnTheWire else {
                return fail(
                    WebSocketError(.protocolViolation, "close code \(received) is not allowed", closeCode: .protocolError),
                    &output)
            }
            let reasonBytes = UnsafeRawBufferPointer(rebasing: bytes[2...])
            guard UTF8Validation.isValid(reasonBytes) else {
                return fail(
                    WebSocketError(.invalidUTF8, "close reason is not valid UTF-8", closeCode: .invalidPayload), &output)
            }
            code = received
            reason = String(decoding: reasonBytes, as: UTF8.self)
        }
        if isOpen {
            // Echo the peer's code, as RFC 6455 §5.5.1 suggests.
            FrameWriter.appendClose(code: code, reason: "", maskingKey: nextMaskingKey(), to: &output)
        }
        release()
        state = .closed
        return .closed(code, reason: reason)
    }

    /// Ends the connection on `error`, telling an open peer why with a close frame when it has a code.
    private mutating func fail(_ error: WebSocketError, _ output: inout [UInt8]) -> WebSocketEvent {
        if isOpen, let code = error.closeCode {
            FrameWriter.appendClose(code: code, reason: error.reason, maskingKey: nextMaskingKey(), to: &output)
        }
        release()
        state = .closed
        return .failed(error)
    }

    /// Frees whatever was kept for an unfinished head, frame or message.
    private mutating func release() {
        carry = []
        message = []
        fragmentOpcode = nil
    }
}
