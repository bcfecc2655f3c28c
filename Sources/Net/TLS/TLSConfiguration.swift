/// What a TLS endpoint needs to know: for a client, whom to trust and which host it expects; for a server,
/// the certificate chain and key it presents.
///
/// A configuration is a plain value. ``TLSContext`` turns it into one OpenSSL context shared by every
/// connection made with it.
public struct TLSConfiguration: Hashable, Sendable {
    /// Which side of the handshake this endpoint plays.
    public enum Role: Hashable, Sendable {
        /// A client, checking the server's certificate against ``TLSConfiguration/caFile`` (or the
        /// system's trust store) and ``TLSConfiguration/serverName``.
        case client
        /// A server, presenting ``TLSConfiguration/certificateChainFile`` and
        /// ``TLSConfiguration/privateKeyFile``.
        case server
    }

    /// Which side of the handshake this endpoint plays.
    public var role: Role
    /// The host the client connects to, from the `wss://` URL: a DNS name (sent as SNI and checked
    /// against the certificate) or an IP address (checked against the certificate's IP entries; never
    /// sent as SNI, RFC 6066 forbids it). Unused by a server.
    public var serverName: String?
    /// A PEM file of the authorities to trust instead of the system's trust store, for a private CA.
    /// Unused by a server.
    public var caFile: String?
    /// Skips every check of the server's certificate. The connection is then encrypted but not
    /// authenticated: the command line prints a warning when this is on.
    public var insecure: Bool
    /// A PEM file holding the server's certificate followed by its intermediates. Unused by a client.
    public var certificateChainFile: String?
    /// A PEM file holding the server's private key. Unused by a client.
    public var privateKeyFile: String?

    /// A client that verifies the server: against the system's trust store, or `caFile` when given.
    /// - Parameters:
    ///   - serverName: the host of the `wss://` URL (name or IP address), checked against the certificate.
    ///   - caFile: a PEM file of trusted authorities, replacing the system's trust store.
    ///   - insecure: `true` skips verification entirely (`--insecure`).
    public static func client(serverName: String?, caFile: String? = nil, insecure: Bool = false) -> TLSConfiguration {
        TLSConfiguration(
            role: .client, serverName: serverName, caFile: caFile, insecure: insecure,
            certificateChainFile: nil, privateKeyFile: nil)
    }

    /// A server presenting a certificate chain; it does not ask clients for certificates.
    /// - Parameters:
    ///   - certificateChainFile: PEM, the server's certificate first, then its intermediates.
    ///   - privateKeyFile: PEM, the key of the first certificate.
    public static func server(certificateChainFile: String, privateKeyFile: String) -> TLSConfiguration {
        TLSConfiguration(
            role: .server, serverName: nil, caFile: nil, insecure: false,
            certificateChainFile: certificateChainFile, privateKeyFile: privateKeyFile)
    }
}
