/// The local IPv4 addresses to spread connections over, written as a range `127.0.0.1-127.0.0.8`,
/// a list `127.0.0.1,127.0.0.2`, or both: one loopback source address allows about 28,000
/// connections towards one server.
public enum SourceAddresses {
    public static func argument(_ text: String) throws(ValueError) -> [String] {
        let expected = ValueError(expected: "IPv4 addresses or ranges such as 127.0.0.1-127.0.0.8")
        var addresses: [String] = []
        for item in text.split(separator: ",") {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let first = ipv4(ends[0]), let last = ipv4(ends.last!),
                first <= last, last - first < 65_536
            else { throw expected }
            for value in first...last { addresses.append(dotted(value)) }
        }
        guard !addresses.isEmpty else { throw expected }
        return addresses
    }

    private static func ipv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    private static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }
}
