import Net

/// A client engine and a server engine joined by in-memory byte arrays in place of a socket.
final class EnginePair {
    let client: TLSEngine
    let server: TLSEngine
    /// Plaintext each side received.
    var clientReceived: [UInt8] = []
    var serverReceived: [UInt8] = []
    /// What each side's receive calls reported, in order, when it reported something.
    var clientOutcomes: [TLSEngine.ReceiveOutcome] = []
    var serverOutcomes: [TLSEngine.ReceiveOutcome] = []
    /// The first error each side threw.
    var clientError: TLSError?
    var serverError: TLSError?

    init(client: TLSContext, server: TLSContext) throws {
        self.client = try TLSEngine(context: client)
        self.server = try TLSEngine(context: server)
    }

    /// Both contexts made from `TestCertificates.shared`: a client trusting the test CA and expecting
    /// `localhost`, a server presenting `serverCertificate` (the `localhost` one by default).
    convenience init(
        client: TLSConfiguration? = nil, serverCertificate: KeyPath<TestCertificates, TestCertificates.KeyPair> = \.localhost
    ) throws {
        let certificates = try TestCertificates.shared.get()
        let pair = certificates[keyPath: serverCertificate]
        try self.init(
            client: TLSContext(client ?? .client(serverName: "localhost", caFile: certificates.caFile)),
            server: TLSContext(.server(certificateChainFile: pair.certificate, privateKeyFile: pair.key)))
    }

    /// Starts both handshakes and moves bytes until neither side has anything to say.
    func handshake(chunkSize: Int = .max) {
        record(\.clientError) { () throws(TLSError) in try client.startHandshake() }
        record(\.serverError) { () throws(TLSError) in try server.startHandshake() }
        pump(chunkSize: chunkSize)
    }

    /// Moves each side's output to the other, in chunks of at most `chunkSize` bytes, until both are quiet.
    /// Bounded: a handshake and a close need a handful of flights, never 100.
    func pump(chunkSize: Int = .max) {
        for _ in 0..<100 where client.hasOutput || server.hasOutput {
            deliver(client.takeOutput(), to: server, chunkSize: chunkSize, received: \.serverReceived,
                    outcomes: \.serverOutcomes, error: \.serverError)
            deliver(server.takeOutput(), to: client, chunkSize: chunkSize, received: \.clientReceived,
                    outcomes: \.clientOutcomes, error: \.clientError)
        }
    }

    private func deliver(
        _ bytes: [UInt8], to engine: TLSEngine, chunkSize: Int,
        received: ReferenceWritableKeyPath<EnginePair, [UInt8]>,
        outcomes: ReferenceWritableKeyPath<EnginePair, [TLSEngine.ReceiveOutcome]>,
        error: ReferenceWritableKeyPath<EnginePair, TLSError?>
    ) {
        var offset = 0
        while offset < bytes.count, self[keyPath: error] == nil {
            let end = offset + min(chunkSize, bytes.count - offset)
            record(error) { () throws(TLSError) in
                var plaintext: [UInt8] = []
                let outcome = try engine.receive(Array(bytes[offset..<end]), into: &plaintext)
                self[keyPath: received] += plaintext
                if outcome.handshakeCompleted || outcome.closeNotifyReceived { self[keyPath: outcomes].append(outcome) }
            }
            offset = end
        }
    }

    private func record(_ slot: ReferenceWritableKeyPath<EnginePair, TLSError?>, _ body: () throws(TLSError) -> Void) {
        do {
            try body()
        } catch {
            if self[keyPath: slot] == nil { self[keyPath: slot] = error }
        }
    }
}
