import CSystem
import Glibc

/// Name resolution through `getaddrinfo`, IPv4 and IPv6. It blocks: call it before connecting or off the loops.
public enum Resolver {
    /// The addresses of `host` (a name or a numeric address) for TCP, in the order the system prefers.
    /// - Throws: ``NetError`` with code ``NetError/Code/nameNotResolved``.
    public static func resolve(host: String, port: UInt16) throws(NetError) -> [SocketAddress] {
        if let numeric = SocketAddress(ip: host, port: port) { return [numeric] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw NetError(.nameNotResolved, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry = list
        while let current = entry {
            if let raw = current.pointee.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(current.pointee.ai_addrlen)))
                }
                if let address = SocketAddress(storage), !addresses.contains(address) {
                    addresses.append(address.with(port: port))
                }
            }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw NetError(.nameNotResolved, "\(host) has no IPv4 or IPv6 address") }
        return addresses
    }
}
