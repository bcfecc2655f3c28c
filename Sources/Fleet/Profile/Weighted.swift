/// A value with its share of a mix (a fleet's models, a site's EV types...).
public struct Weighted<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The value.
    public var value: Value
    /// Its share of the mix, between 0 and 1.
    public var share: Double

    /// A value with its share.
    public init(_ value: Value, share: Double) {
        self.value = value
        self.share = share
    }
}
