/// The bytes of a received message, pong or close reason.
///
/// A message that arrived whole in one read is not copied: it points into the caller's read buffer
/// (unmasked in place) and is valid only until that buffer is reused, so read it before the next read.
/// A message assembled across reads or fragments owns its bytes.
public struct WebSocketPayload {
    @usableFromInline
    enum Storage {
        case borrowed(UnsafeRawBufferPointer)
        case owned([UInt8], Range<Int>)
    }
    @usableFromInline
    let storage: Storage

    /// Calls `body` with the payload's bytes.
    // Inlinable, so that a receiver's call (one a message) is specialized rather than looking up the
    // generic metadata of its `Result` each time.
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch storage {
        case .borrowed(let bytes):
            return try body(bytes)
        case .owned(let array, let range):
            // A typed-throws body cannot cross Array.withUnsafeBytes (it rethrows `any Error`).
            let result: Swift.Result<Result, Failure> = array.withUnsafeBytes { all in
                do throws(Failure) {
                    return .success(try body(UnsafeRawBufferPointer(rebasing: all[range])))
                } catch {
                    return .failure(error)
                }
            }
            return try result.get()
        }
    }

    /// The number of bytes.
    public var count: Int {
        switch storage {
        case .borrowed(let bytes): bytes.count
        case .owned(_, let range): range.count
        }
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes as text; a text message has been checked to be valid UTF-8.
    public var text: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}
