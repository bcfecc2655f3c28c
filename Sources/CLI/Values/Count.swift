/// Numbers as options take them.
enum Count {
    static func positive(_ text: String) throws(ValueError) -> Int {
        guard let value = Int(text), value > 0 else { throw ValueError(expected: "a whole number above 0") }
        return value
    }

    static func nonNegative(_ text: String) throws(ValueError) -> Int {
        guard let value = Int(text), value >= 0 else { throw ValueError(expected: "a whole number, 0 or more") }
        return value
    }

    static func positiveReal(_ text: String) throws(ValueError) -> Double {
        guard let value = Double(text), value > 0, value.isFinite else {
            throw ValueError(expected: "a number above 0")
        }
        return value
    }

    static func fraction(_ text: String) throws(ValueError) -> Double {
        let percent = text.hasSuffix("%")
        guard let number = Double(percent ? String(text.dropLast()) : text) else {
            throw ValueError(expected: "a share such as 0.05 or 5%")
        }
        let value = percent ? number / 100 : number
        guard (0...1).contains(value) else { throw ValueError(expected: "a share between 0 and 1 (or 0% and 100%)") }
        return value
    }

    static func seed(_ text: String) throws(ValueError) -> UInt64 {
        guard let value = UInt64(text) else { throw ValueError(expected: "a whole number from 0 to 2^64-1") }
        return value
    }

    static func port(_ text: String) throws(ValueError) -> Int {
        guard let value = Int(text), (1...65535).contains(value) else {
            throw ValueError(expected: "a TCP port from 1 to 65535")
        }
        return value
    }
}
