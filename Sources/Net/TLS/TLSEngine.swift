import COpenSSL

/// One TLS connection with no I/O of its own: the transport hands it the ciphertext it reads from the
/// socket and sends what it produces; the application hands it plaintext and gets plaintext back.
///
/// How a transport drives it:
/// 1. Once TCP is connected, call ``startHandshake()`` (a client's ClientHello is then in the output).
/// 2. After **every** call on the engine, if ``hasOutput``, queue ``takeOutput()`` for the socket and write
///    it when the socket is writable. The engine never waits for the socket: there is no WANT_WRITE.
/// 3. When the socket is readable, read into any buffer and call ``receive(_:into:)``: it returns whether
///    the handshake just completed or the peer sent close_notify, and appends plaintext. When it has
///    nothing to say, it is waiting for more ciphertext (WANT_READ): just wait for the next readable event.
/// 4. ``send(_:)`` plaintext at any time; before the handshake completes it is held and encrypted as soon as
///    the handshake completes.
/// 5. To close, call ``close()`` (close_notify goes to the output), flush the output, then close the socket.
///    When the socket reads end-of-stream, call ``receiveEndOfStream()``: it throws when the peer left
///    without close_notify.
/// 6. When a call throws, flush the output once more (it may carry an alert telling the peer why), then
///    close the socket. The engine stays ``State/failed(_:)``.
///
/// An engine belongs to one thread (its event loop's): it is not `Sendable`.
///
/// Memory: an established, idle connection holds about 19 KiB on the client side and 14.5 KiB on the
/// server side (OpenSSL 3.0, ECDSA P-256, TLS 1.3, resident memory over 5,000 connections), of which about
/// 9 KiB is the bare `SSL` object; the client's share includes the server's certificate, kept in the
/// session. Without `SSL_MODE_RELEASE_BUFFERS` (set by ``TLSContext``) it would be 40 KiB and 23 KiB.
public final class TLSEngine {
    /// Where the connection stands.
    public enum State: Hashable, Sendable {
        /// Handshake messages are still being exchanged.
        case handshaking
        /// Application data flows both ways.
        case established
        /// We sent close_notify; the peer's data may still arrive until its close_notify.
        case closing
        /// Both close_notify alerts were exchanged, or the connection was closed before its handshake.
        case closed
        /// The connection failed and can carry nothing more.
        case failed(TLSError)
    }

    /// What ``receive(_:into:)`` learned besides the plaintext it appended.
    public struct ReceiveOutcome: Hashable, Sendable {
        /// The handshake completed during this call: plaintext can flow (held plaintext was just encrypted).
        public var handshakeCompleted = false
        /// The peer sent close_notify during this call; the engine answered with its own (in the output).
        public var closeNotifyReceived = false
    }

    /// Where the connection stands.
    public private(set) var state: State = .handshaking

    private let ssl: OpaquePointer
    private let verifiesPeer: Bool
    /// The transport's ciphertext, lent only while ``receive(_:into:)`` runs.
    private var input = UnsafeRawBufferPointer(start: nil, count: 0)
    private var inputOffset = 0
    /// Ciphertext received but not yet consumed by OpenSSL: part of a record. Usually empty.
    private var unread: [UInt8] = []
    /// Ciphertext waiting for the transport to take it.
    private var output: [UInt8] = []
    /// Plaintext sent before the handshake completed.
    private var heldPlaintext: [UInt8] = []

    /// A connection using `context`'s configuration, as a client or a server as the context says.
    /// - Throws: ``TLSError/Reason/configuration`` when OpenSSL cannot allocate the connection.
    public init(context: TLSContext) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.context) else {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot create an SSL connection")
        }
        self.ssl = ssl
        verifiesPeer = context.configuration.role == .client && !context.configuration.insecure
        guard let bio = EngineBIO.make(for: self) else {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot create a BIO")
        }
        SSL_set_bio(ssl, bio, bio)
        switch context.configuration.role {
        case .client:
            SSL_set_connect_state(ssl)
            if let name = context.serverNameIndication {
                _ = copenssl_set_tlsext_host_name(ssl, name)
            }
        case .server:
            SSL_set_accept_state(ssl)
        }
    }

    deinit {
        // Frees the BIO with it.
        SSL_free(ssl)
    }

    /// Whether application data can flow.
    public var isHandshakeComplete: Bool {
        switch state {
        case .established, .closing: true
        case .handshaking, .closed, .failed: false
        }
    }

    /// Whether ciphertext waits in the output for ``takeOutput()``.
    public var hasOutput: Bool { !output.isEmpty }

    /// The ciphertext to send, in order; the engine keeps none of it.
    public func takeOutput() -> [UInt8] {
        defer { output = [] }
        return output
    }

    /// Starts the handshake: a client's first flight goes to the output; a server waits for the client.
    public func startHandshake() throws(TLSError) {
        guard state == .handshaking else { return }
        if try advanceHandshake() {
            try flushHeldPlaintext()
        }
    }

    /// Feeds ciphertext read from the socket.
    /// - Parameters:
    ///   - ciphertext: the bytes read; the engine keeps a copy only of a record's incomplete tail.
    ///   - plaintext: where decrypted application data is appended.
    /// - Returns: whether the handshake completed or the peer sent close_notify during this call.
    /// - Throws: the reason the handshake or the connection failed.
    @discardableResult
    public func receive(_ ciphertext: UnsafeRawBufferPointer, into plaintext: inout [UInt8]) throws(TLSError)
        -> ReceiveOutcome
    {
        switch state {
        case .failed(let error): throw error
        // Both sides said close_notify: whatever follows is not TLS data any more, and is dropped.
        case .closed: return ReceiveOutcome()
        case .handshaking, .established, .closing: break
        }
        guard !unread.isEmpty else { return try process(ciphertext, into: &plaintext) }
        var joined = unread
        unread = []
        joined.append(contentsOf: ciphertext)
        let result = joined.withUnsafeBytes { bytes in
            Result { () throws(TLSError) in try process(bytes, into: &plaintext) }
        }
        return try result.get()
    }

    /// Feeds ciphertext read from the socket; see ``receive(_:into:)``.
    @discardableResult
    public func receive(_ ciphertext: [UInt8], into plaintext: inout [UInt8]) throws(TLSError) -> ReceiveOutcome {
        let result = ciphertext.withUnsafeBytes { bytes in
            Result { () throws(TLSError) in try receive(bytes, into: &plaintext) }
        }
        return try result.get()
    }

    /// Encrypts application data into the output; before the handshake completes, holds it until then.
    /// - Throws: ``TLSError/Reason/connectionClosed`` after ``close()`` or the peer's close_notify, or
    ///   the connection's failure.
    public func send(_ plaintext: UnsafeRawBufferPointer) throws(TLSError) {
        switch state {
        case .handshaking:
            heldPlaintext.append(contentsOf: plaintext)
        case .established:
            try write(plaintext)
        case .closing, .closed:
            throw TLSError(.connectionClosed, detail: "cannot send after close")
        case .failed(let error):
            throw error
        }
    }

    /// Encrypts application data into the output; see ``send(_:)-(UnsafeRawBufferPointer)``.
    public func send(_ plaintext: [UInt8]) throws(TLSError) {
        let result = plaintext.withUnsafeBytes { bytes in
            Result { () throws(TLSError) in try send(bytes) }
        }
        try result.get()
    }

    /// Starts closing: close_notify goes to the output. A connection still in its handshake just closes.
    public func close() {
        switch state {
        case .handshaking:
            heldPlaintext = []
            state = .closed
        case .established:
            OpenSSLErrorQueue.clear()
            // 0: our close_notify is out, the peer's has not come; 1: both are done.
            state = SSL_shutdown(ssl) == 1 ? .closed : .closing
            OpenSSLErrorQueue.clear()
        case .closing, .closed, .failed:
            break
        }
    }

    /// Tells the engine that the socket reached end-of-stream.
    /// - Throws: ``TLSError/Reason/closedWithoutCloseNotify`` when the peer closed an established
    ///   connection without close_notify (what it sent last may be truncated), or
    ///   ``TLSError/Reason/handshakeFailed`` when it closed during the handshake.
    public func receiveEndOfStream() throws(TLSError) {
        switch state {
        case .handshaking:
            throw fail(TLSError(.handshakeFailed, detail: "the peer closed the connection during the handshake"))
        case .established:
            throw fail(TLSError(.closedWithoutCloseNotify, detail: ""))
        case .closing:
            // We asked to close; a peer may close its socket without answering (RFC 8446 §6.1 allows it).
            state = .closed
        case .closed:
            break
        case .failed(let error):
            throw error
        }
    }

    // MARK: - Driving OpenSSL

    private func process(_ ciphertext: UnsafeRawBufferPointer, into plaintext: inout [UInt8]) throws(TLSError)
        -> ReceiveOutcome
    {
        input = ciphertext
        inputOffset = 0
        defer {
            if inputOffset < input.count {
                unread = Array(input[inputOffset...])
            }
            input = UnsafeRawBufferPointer(start: nil, count: 0)
        }
        var outcome = ReceiveOutcome()
        if state == .handshaking {
            guard try advanceHandshake() else { return outcome }
            outcome.handshakeCompleted = true
            try flushHeldPlaintext()
        }
        outcome.closeNotifyReceived = try readApplicationData(into: &plaintext)
        return outcome
    }

    /// Runs the handshake as far as the received bytes allow; `true` once it is complete.
    private func advanceHandshake() throws(TLSError) -> Bool {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            state = .established
            return true
        }
        let code = SSL_get_error(ssl, result)
        guard code != SSL_ERROR_WANT_READ, code != SSL_ERROR_WANT_WRITE else { return false }
        throw fail(handshakeError(code))
    }

    private func handshakeError(_ code: Int32) -> TLSError {
        if verifiesPeer {
            let verification = SSL_get_verify_result(ssl)
            if verification != X509_V_OK {
                OpenSSLErrorQueue.clear()
                return .verification(result: verification)
            }
        }
        return .fromErrorQueue(.handshakeFailed, context: "OpenSSL error \(code)")
    }

    private func flushHeldPlaintext() throws(TLSError) {
        guard !heldPlaintext.isEmpty else { return }
        let held = heldPlaintext
        heldPlaintext = []
        let result = held.withUnsafeBytes { bytes in Result { () throws(TLSError) in try write(bytes) } }
        try result.get()
    }

    private func write(_ plaintext: UnsafeRawBufferPointer) throws(TLSError) {
        guard let base = plaintext.baseAddress, !plaintext.isEmpty else { return }
        OpenSSLErrorQueue.clear()
        var written = 0
        // Our BIO takes every byte at once, so without SSL_MODE_ENABLE_PARTIAL_WRITE this writes it all.
        guard SSL_write_ex(ssl, base, plaintext.count, &written) == 1, written == plaintext.count else {
            throw fail(.fromErrorQueue(.protocolError, context: "cannot encrypt"))
        }
    }

    /// Decrypts every complete record received; `true` when one of them was the peer's close_notify.
    private func readApplicationData(into plaintext: inout [UInt8]) throws(TLSError) -> Bool {
        guard state == .established || state == .closing else { return false }
        let recordSize = 16_384
        let stop = withUnsafeTemporaryAllocation(byteCount: recordSize, alignment: 1) { buffer in
            // Each turn either consumes received bytes or stops, so the loop ends with the input.
            while true {
                OpenSSLErrorQueue.clear()
                var count = 0
                let result = SSL_read_ex(ssl, buffer.baseAddress, recordSize, &count)
                if result == 1 {
                    plaintext.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                    continue
                }
                return SSL_get_error(ssl, result)
            }
        }
        switch stop {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return false
        case SSL_ERROR_ZERO_RETURN:
            if state == .established {
                // Answer with our own close_notify, as RFC 8446 §6.1 asks before closing.
                _ = SSL_shutdown(ssl)
                OpenSSLErrorQueue.clear()
            }
            state = .closed
            return true
        default:
            throw fail(.fromErrorQueue(.protocolError, context: "OpenSSL error \(stop)"))
        }
    }

    private func fail(_ error: TLSError) -> TLSError {
        state = .failed(error)
        heldPlaintext = []
        unread = []
        return error
    }

    // MARK: - Called by EngineBIO

    func appendCiphertext(_ bytes: UnsafeRawBufferPointer) {
        output.append(contentsOf: bytes)
    }

    func readCiphertext(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, input.count - inputOffset)
        guard count > 0 else { return 0 }
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: input[inputOffset..<inputOffset + count]))
        inputOffset += count
        return count
    }
}
