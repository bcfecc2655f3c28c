extension Duration {
    /// Reads a duration as users write it: `90s`, `10m`, `2h`, `1h30m`, `250ms`, `1d`, or bare seconds.
    public static func argument(_ text: String) throws(ValueError) -> Duration {
        let expected = ValueError(expected: "a duration such as 90s, 10m, 2h or 1h30m")
        if let seconds = Double(text), seconds >= 0, seconds.isFinite {
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        var total: Int64 = 0
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { throw expected }
        while let character = rest.first {
            if character.isASCII, character.isNumber {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            let unit: Int64
            if rest.hasPrefix("ms") {
                unit = 1
                rest = rest.dropFirst(2)
            } else {
                switch character {
                case "s": unit = 1_000
                case "m": unit = 60_000
                case "h": unit = 3_600_000
                case "d": unit = 86_400_000
                default: throw expected
                }
                rest = rest.dropFirst()
            }
            guard let value = Int64(number), value <= Int64.max / unit / 4 else { throw expected }
            total += value * unit
            number = ""
        }
        guard number.isEmpty else { throw expected }
        return .milliseconds(total)
    }

    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
