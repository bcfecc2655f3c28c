/// How figures read in text outputs (tables, CSV, charts), without Foundation's locale-dependent formatting.
enum NumberText {
    /// `value` with exactly `decimals` decimals: `12.30`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let units = UInt64(scaled)
        let sign = value < 0 && units > 0 ? "-" : ""
        let whole = units / UInt64(scale)
        guard decimals > 0 else { return sign + String(whole) }
        let fraction = String(units % UInt64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// Microseconds as milliseconds with three decimals: `1.234`.
    static func millis(_ micros: UInt64) -> String {
        fixed(Double(micros) / 1000, decimals: 3)
    }

    /// A short human figure: `950`, `12.3k`, `4.5M`.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return fixed(value / 1_000_000, decimals: 1) + "M" }
        if magnitude >= 10_000 { return fixed(value / 1_000, decimals: 1) + "k" }
        if magnitude == magnitude.rounded() { return fixed(value, decimals: 0) }
        return fixed(value, decimals: magnitude >= 100 ? 0 : 2)
    }
}
