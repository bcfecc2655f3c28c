/// How many things per second, written `200/s` or `200`.
public enum Rate {
    public static func argument(_ text: String) throws(ValueError) -> Double {
        let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
        guard let value = Double(number), value > 0, value.isFinite else {
            throw ValueError(expected: "a positive rate such as 200/s")
        }
        return value
    }
}
