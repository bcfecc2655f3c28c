/// A JSON number as written, so that nothing is lost before the reader decides what it needs: a large
/// integer such as a 64-bit seed stays exact, which a `Double` would round.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The number's text, its grammar checked.
    public let text: String
    /// The nearest `Double`, always finite (the tree refuses a number beyond `Double`'s range).
    public let double: Double

    /// The number as a whole number from 0 to 2^64 - 1: exact for integer text, else when the nearest
    /// `Double` is whole and in range (`1e3`, `5.0`); nil otherwise.
    public var unsigned: UInt64? {
        if let exact = UInt64(text) { return exact }
        guard double >= 0, double < 0x1p64, double == double.rounded() else { return nil }
        return UInt64(double)
    }

    /// The text as written.
    public var description: String { text }
}
