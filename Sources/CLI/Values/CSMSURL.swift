import Foundation

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
        return url
    }
}
