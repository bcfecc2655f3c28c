/// One of several processes that run parts of one fleet, written `I/N` with 1 ≤ I ≤ N.
public struct Shard: Equatable, Sendable {
    /// Zero-based: the first shard has index 0.
    public let index: Int
    public let count: Int

    public static func argument(_ text: String) throws(ValueError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]), let count = Int(parts[1]),
            count >= 1, (1...count).contains(position)
        else {
            throw ValueError(expected: "I/N with 1 ≤ I ≤ N, such as 2/4")
        }
        return Shard(index: position - 1, count: count)
    }
}
