/// A message id the station drew (``SeededGenerator/messageID(compact:)``), kept as the numbers its digits
/// spell: 20 digits make a `String` too long to be stored inline, which would be an allocation for each
/// CALL. Its text is written where it is needed, on the stack or into the frame.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// The first digit, 1 to 9, as its ASCII byte.
    private let lead: UInt8
    /// How many digits: 20, or 15 for a compact id.
    private let count: UInt8
    /// The digits after the first, as a number below 10^(count - 1).
    private let rest: UInt64

    init(lead: UInt8, count: Int, rest: UInt64) {
        self.lead = lead
        self.count = UInt8(count)
        self.rest = rest
    }

    /// The id's text (an allocation for a 20-digit id: for traces, reports and tests).
    public var description: String {
        String(unsafeUninitializedCapacity: Int(count)) { write(into: $0) }
    }

    /// Lends the id's text as UTF-8 bytes, written on the stack.
    public func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        // Room for 24 digits: an id has at most 20.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return try withUnsafeMutableBytes(of: &digits) { raw in
            let count = write(into: raw.bindMemory(to: UInt8.self))
            return try body(UnsafeRawBufferPointer(rebasing: raw[..<count]))
        }
    }

    /// Whether `text` is this id's text.
    public func isSpelled(by text: String) -> Bool {
        text.utf8.count == Int(count) && withUTF8 { $0.elementsEqual(text.utf8) }
    }

    /// Writes the digits at the start of `buffer`, which has room for them. - Returns: how many.
    private func write(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = Int(count)
        var rest = rest
        buffer[0] = lead
        // Two digits a division: half the 64-bit divisions of one digit at a time.
        var index = count - 1
        while index > 1 {
            let pair = UInt32(truncatingIfNeeded: rest % 100)
            rest /= 100
            buffer[index] = UInt8(truncatingIfNeeded: pair % 10) + UInt8(ascii: "0")
            buffer[index - 1] = UInt8(truncatingIfNeeded: pair / 10) + UInt8(ascii: "0")
            index -= 2
        }
        if index == 1 { buffer[1] = UInt8(truncatingIfNeeded: rest) + UInt8(ascii: "0") }
        return count
    }
}
