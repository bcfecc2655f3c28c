import Basics

/// The local addresses a fleet connects from when none are given and the CSMS listens on a 127.x address:
/// enough addresses of 127.0.0.0/8 that each carries about ``linksPerAddress`` links, each shard of the
/// fleet with addresses of its own.
///
/// Linux picks a connection's local port in `connect` by walking the ephemeral range (28,232 ports here)
/// from a hashed offset until the 4-tuple is free: the fuller the range for one source address and one
/// server, the longer the walk, under the port table's locks. With one source address, a fleet of 19,000
/// stations spent half its CPU in that walk (`__inet_hash_connect` and `__inet_check_established` in
/// `perf`), and three worker processes of 16,667 stations stalled there (Benchmarks/RESULTS.md, "50,000
/// stations on one machine"). Every address of 127.0.0.0/8 is the loopback's, so spreading costs nothing.
enum LoopbackSources {
    /// How many links one source address carries at most: 7 % of the ephemeral range, where the walk
    /// mostly finds a free port at its first step.
    static let linksPerAddress = 2_000

    /// The source addresses of `shard` of a fleet of `fleetSize` stations against a CSMS at `csmsHost`:
    /// none (the system's choice, 127.0.0.1 for a 127.x server) for a whole fleet of at most
    /// ``linksPerAddress`` stations or a CSMS elsewhere; otherwise the shard's own block of 127.0.x.y.
    static func addresses(csmsHost: String, fleetSize: Int, shard: FleetShard) -> [String] {
        guard isLoopbackIPv4(csmsHost) else { return [] }
        let largestShard = (fleetSize + shard.count - 1) / shard.count
        let perShard = max(1, (largestShard + linksPerAddress - 1) / linksPerAddress)
        guard perShard > 1 || shard.count > 1 else { return [] }
        let first = shard.index * perShard
        return (first..<first + perShard).map { number in "127.0.\(number / 250 % 256).\(number % 250 + 1)" }
    }

    private static func isLoopbackIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
