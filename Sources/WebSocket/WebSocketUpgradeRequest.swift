/// A valid upgrade request as a server received it, for the caller to accept or refuse.
public struct WebSocketUpgradeRequest: Hashable, Sendable {
    /// The request target, such as `/ocpp/GU00001`.
    public var path: String
    /// The `Host` header.
    public var host: String
    /// The Basic credentials the client sent, if any.
    public var credentials: WebSocketCredentials?

    /// The last segment of ``path``, percent-decoded: the charge box id in OCPP's `URL/<id>` scheme.
    public var stationIdentity: String {
        let segment = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .split(separator: "/").last ?? ""
        return Self.percentDecoded(segment) ?? String(segment)
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes = [UInt8]()
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
