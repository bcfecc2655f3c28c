/// Durations as people write them in profiles and on the command line: `500ms`, `90s`, `10m`, `2h`, `1d`,
/// or combined (`1h30m`).
public enum DurationText {
    /// The duration `text` stands for, in milliseconds; `nil` when it is not a duration.
    public static func milliseconds(_ text: String) -> Int64? {
        var total: Int64 = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let amount = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ms": scale = 1
            case "s": scale = 1_000
            case "m": scale = 60_000
            case "h": scale = 3_600_000
            case "d": scale = 86_400_000
            default: return nil
            }
            let part = amount * scale
            guard part < 1e15 else { return nil }
            total += Int64(part.rounded())
        }
        return total
    }
}
