import Net
import Testing

@Suite struct TLSVerificationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let serverCertificate: any KeyPath<TestCertificates, TestCertificates.KeyPair> & Sendable
        let serverName: String
        let trustsTestCA: Bool
        let reason: TLSError.Reason
        var testDescription: String { name }
    }

    static let failures: [Case] = [
        Case(name: "CA missing from the system trust store", serverCertificate: \.localhost, serverName: "localhost",
             trustsTestCA: false, reason: .untrustedCertificate),
        Case(name: "self-signed certificate", serverCertificate: \.selfSigned, serverName: "localhost",
             trustsTestCA: true, reason: .untrustedCertificate),
        Case(name: "certificate for another name", serverCertificate: \.otherName, serverName: "localhost",
             trustsTestCA: true, reason: .hostnameMismatch),
        Case(name: "certificate for another IP address", serverCertificate: \.localhost, serverName: "127.0.0.2",
             trustsTestCA: true, reason: .hostnameMismatch),
        Case(name: "expired certificate", serverCertificate: \.expired, serverName: "localhost",
             trustsTestCA: true, reason: .certificateExpired),
    ]

    @Test(arguments: failures)
    func clientRejectsTheServerWithTheReasonNamed(_ failure: Case) throws {
        let certificates = try TestCertificates.shared.get()
        let client = TLSConfiguration.client(
            serverName: failure.serverName, caFile: failure.trustsTestCA ? certificates.caFile : nil)
        let pair = try EnginePair(client: client, serverCertificate: failure.serverCertificate)
        pair.handshake()
        let error = try #require(pair.clientError)
        #expect(error.reason == failure.reason)
        #expect(!error.detail.isEmpty)
        #expect(pair.client.state == .failed(error))
    }

    @Test(arguments: failures)
    func insecureClientAcceptsTheSameServer(_ failure: Case) throws {
        let client = TLSConfiguration.client(serverName: failure.serverName, insecure: true)
        let pair = try EnginePair(client: client, serverCertificate: failure.serverCertificate)
        pair.handshake()
        #expect(pair.clientError == nil)
        #expect(pair.client.state == .established)
        #expect(pair.server.state == .established)
    }

    @Test func serverLearnsFromTheClientsAlertWhyTheHandshakeFailed() throws {
        let pair = try EnginePair(serverCertificate: \.selfSigned)
        pair.handshake()
        let error = try #require(pair.serverError)
        #expect(error.reason == .handshakeFailed)
        #expect(error.detail.contains("alert"))
    }

    @Test func certificateForTheIPAddressInTheURLIsAccepted() throws {
        let certificates = try TestCertificates.shared.get()
        let pair = try EnginePair(client: .client(serverName: "127.0.0.1", caFile: certificates.caFile))
        pair.handshake()
        #expect(pair.clientError == nil)
        #expect(pair.client.state == .established)
    }

    @Test func errorMessageNamesTheCauseInWords() throws {
        let certificates = try TestCertificates.shared.get()
        let pair = try EnginePair(
            client: .client(serverName: "localhost", caFile: certificates.caFile), serverCertificate: \.expired)
        pair.handshake()
        let error = try #require(pair.clientError)
        #expect(error.description == "certificate expired: certificate has expired")
    }

    @Test func missingCAFileIsAConfigurationError() throws {
        let error = #expect(throws: TLSError.self) {
            try TLSContext(.client(serverName: "localhost", caFile: "/nonexistent/ca.pem"))
        }
        #expect(error?.reason == .configuration)
        #expect(error?.detail.contains("/nonexistent/ca.pem") == true)
    }

    @Test func keyThatDoesNotMatchTheCertificateIsAConfigurationError() throws {
        let certificates = try TestCertificates.shared.get()
        let error = #expect(throws: TLSError.self) {
            try TLSContext(.server(
                certificateChainFile: certificates.localhost.certificate, privateKeyFile: certificates.otherName.key))
        }
        #expect(error?.reason == .configuration)
    }
}
