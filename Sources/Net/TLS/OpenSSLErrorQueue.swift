import COpenSSL

/// The calling thread's OpenSSL error queue.
enum OpenSSLErrorQueue {
    /// Forgets errors left by earlier calls on this thread, so that they are not blamed on the next one.
    static func clear() {
        ERR_clear_error()
    }

    /// OpenSSL's strings for the queued errors, oldest first, and empties the queue.
    static func drain() -> String {
        var messages: [String] = []
        // The queue holds at most ERR_NUM_ERRORS (16) entries; the bound keeps this loop finite anyway.
        for _ in 0..<16 {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        ERR_clear_error()
        return messages.joined(separator: "; ")
    }
}
