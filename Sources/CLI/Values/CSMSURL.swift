import Foundation
import Net

/// The URL of the CSMS under test: `ws://` or `wss://`, with a host; stations append `/<id>` to it.
enum CSMSURL {
    static func argument(_ text: String) throws(ValueError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "ws" || scheme == "wss", let host = url.host, !host.isEmpty
        else {
            throw ValueError(expected: "a ws:// or wss:// URL such as ws://127.0.0.1:9000/ocpp")
        }
        guard url.user == nil, url.password == nil else {
            throw ValueError(expected: "a URL without credentials: give the password with --password")
        }
        // A host of digits and dots is an IPv4 address or nothing: 256.1.1.1 would go to name resolution
        // and fail there, station by station, as if the CSMS were down.
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let looksNumeric = bare.contains(":") || bare.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        if looksNumeric, SocketAddress(ip: bare, port: 0) == nil {
            throw ValueError(expected: "a host name or an IP address that can exist (\(bare) is not one)")
        }
        return url
    }
}
