import COpenSSL

/// One OpenSSL context (`SSL_CTX`) made from a ``TLSConfiguration``, shared by every connection that uses
/// that configuration: the trust store, the certificate chain and the key are loaded once, not per
/// connection.
///
/// Connections are made from it with ``TLSEngine/init(context:)``, on any thread.
public final class TLSContext: @unchecked Sendable {
    // Sendable because `context` is never changed after `init`, and OpenSSL locks what `SSL_new`
    // reads from a shared SSL_CTX (its reference count, its session cache, which is off anyway).

    /// The configuration this context was made from.
    public let configuration: TLSConfiguration
    /// The name sent as SNI: the server name when it is a DNS name, none for an IP address.
    let serverNameIndication: String?
    let context: OpaquePointer

    /// Loads what `configuration` names and prepares the settings every connection shares.
    /// - Throws: ``TLSError/Reason/configuration`` when a file cannot be read or the key does not match
    ///   the certificate, with OpenSSL's words.
    public init(_ configuration: TLSConfiguration) throws(TLSError) {
        (context, serverNameIndication) = try Self.makeContext(configuration)
        self.configuration = configuration
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// A configured SSL_CTX, freed here when any step fails, and the name to send as SNI.
    private static func makeContext(
        _ configuration: TLSConfiguration
    ) throws(TLSError) -> (OpaquePointer, String?) {
        OpenSSLErrorQueue.clear()
        let method = configuration.role == .client ? TLS_client_method() : TLS_server_method()
        guard let context = SSL_CTX_new(method) else {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot create an SSL_CTX")
        }
        var configured = false
        defer { if !configured { SSL_CTX_free(context) } }
        // OCPP's security whitepaper asks for TLS 1.2 or later.
        _ = copenssl_ctx_set_min_proto_version(context, TLS1_2_VERSION)
        // An idle connection then holds no read or write buffer (about 34 KiB otherwise): they are
        // allocated when a record moves and freed once it has.
        _ = copenssl_ctx_set_mode(context, Int(SSL_MODE_RELEASE_BUFFERS))
        // Sessions are never resumed by our clients, so caching them would only hold memory.
        _ = copenssl_ctx_set_session_cache_mode(context, Int(SSL_SESS_CACHE_OFF))
        let serverNameIndication: String?
        switch configuration.role {
        case .client:
            serverNameIndication = try configureClient(context, configuration)
        case .server:
            serverNameIndication = nil
            try configureServer(context, configuration)
        }
        configured = true
        return (context, serverNameIndication)
    }

    /// Sets the trust store and the host check, and returns the name to send as SNI.
    private static func configureClient(
        _ context: OpaquePointer, _ configuration: TLSConfiguration
    ) throws(TLSError) -> String? {
        let host = configuration.serverName.map(Self.withoutBrackets)
        // An IP literal in the URL is checked against the certificate's IP entries and is never SNI.
        let isAddress = host.map { isIPAddress($0) } ?? false
        if configuration.insecure {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
            return isAddress ? nil : host
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        if let caFile = configuration.caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                    throw TLSError.fromErrorQueue(.configuration, context: "cannot load the CA file \(caFile)")
            }
        } else if SSL_CTX_set_default_verify_paths(context) != 1 {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot load the system trust store")
        }
        guard let host else { return nil }
        // Set on the context, every connection inherits the check when it is created.
        let parameters = SSL_CTX_get0_param(context)
        let accepted =
            isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(parameters, host)
            : X509_VERIFY_PARAM_set1_host(parameters, host, 0)
        X509_VERIFY_PARAM_set_hostflags(parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        guard accepted == 1 else {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot check certificates against \(host)")
        }
        return isAddress ? nil : host
    }

    private static func configureServer(
        _ context: OpaquePointer, _ configuration: TLSConfiguration
    ) throws(TLSError) {
        guard let chain = configuration.certificateChainFile, let key = configuration.privateKeyFile else {
            throw TLSError(.configuration, detail: "a server needs a certificate chain file and a private key file")
        }
        guard SSL_CTX_use_certificate_chain_file(context, chain) == 1 else {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot load the certificate chain \(chain)")
        }
        guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1,
            SSL_CTX_check_private_key(context) == 1
        else {
            throw TLSError.fromErrorQueue(.configuration, context: "cannot use the private key \(key)")
        }
        // TLS 1.3 servers send two session tickets after each handshake by default; our clients never
        // resume, so they would be bytes and CPU for nothing on every connection.
        _ = SSL_CTX_set_num_tickets(context, 0)
    }

    private static func withoutBrackets(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func isIPAddress(_ host: String) -> Bool {
        // X509_VERIFY_PARAM would accept it as an IP check; a scratch parameter set tells without side effect.
        guard let scratch = X509_VERIFY_PARAM_new() else { return false }
        defer { X509_VERIFY_PARAM_free(scratch) }
        let isAddress = X509_VERIFY_PARAM_set1_ip_asc(scratch, host) == 1
        OpenSSLErrorQueue.clear()
        return isAddress
    }
}
