import COpenSSL

/// The BIO between OpenSSL and a ``TLSEngine``: OpenSSL reads ciphertext from the bytes the transport
/// handed to ``TLSEngine/receive(_:into:)`` and writes ciphertext into the engine's output.
///
/// OpenSSL's own memory BIOs (`BIO_s_mem`) would do the same job, but each keeps the largest buffer it
/// ever grew to (a few KiB after a handshake) for the life of the connection, twice per connection. This one
/// holds nothing: it lends the transport's bytes while a call runs and appends to an array the transport
/// takes away.
enum EngineBIO {
    /// Created once per process; never changed after, so reading it from any thread is safe.
    nonisolated(unsafe) static let method: OpaquePointer = makeMethod()

    /// A new BIO that serves `engine`, which must outlive it (the engine's `SSL` owns the BIO).
    static func make(for engine: TLSEngine) -> OpaquePointer? {
        guard let bio = BIO_new(method) else { return nil }
        BIO_set_data(bio, Unmanaged.passUnretained(engine).toOpaque())
        BIO_set_init(bio, 1)
        return bio
    }

    private static func makeMethod() -> OpaquePointer {
        guard let method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "ocpp-fleet TLS engine") else {
            fatalError("OpenSSL cannot allocate a BIO_METHOD at start: out of memory")
        }
        BIO_meth_set_write(method) { bio, data, length in
            guard let bio, let data, let engine = EngineBIO.engine(of: bio) else { return -1 }
            copenssl_bio_clear_retry_flags(bio)
            engine.appendCiphertext(UnsafeRawBufferPointer(start: data, count: Int(length)))
            return length
        }
        BIO_meth_set_read(method) { bio, data, length in
            guard let bio, let data, let engine = EngineBIO.engine(of: bio) else { return -1 }
            copenssl_bio_clear_retry_flags(bio)
            let count = engine.readCiphertext(into: UnsafeMutableRawBufferPointer(start: data, count: Int(length)))
            guard count > 0 else {
                // Not the end of the stream: only that nothing more has arrived yet (WANT_READ).
                copenssl_bio_set_retry_read(bio)
                return -1
            }
            return Int32(count)
        }
        BIO_meth_set_ctrl(method) { _, command, _, _ in
            // Writes land in memory at once, so a flush always succeeds; nothing else is supported.
            command == BIO_CTRL_FLUSH ? 1 : 0
        }
        BIO_meth_set_destroy(method) { bio in
            BIO_set_data(bio, nil)
            return 1
        }
        return method
    }

    private static func engine(of bio: OpaquePointer) -> TLSEngine? {
        guard let data = BIO_get_data(bio) else { return nil }
        return Unmanaged<TLSEngine>.fromOpaque(data).takeUnretainedValue()
    }
}
