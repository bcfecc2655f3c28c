/// A parsed JSON value with the line and column where it starts, so that a profile's diagnostics can
/// point into the file. Object members keep their order, so diagnostics come out in the file's order.
struct JSONNode: Sendable {
    enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    let value: Value
    /// 1-based line of the value's first character.
    let line: Int
    /// 1-based column (in UTF-8 bytes) of the value's first character.
    let column: Int

    /// How the value's kind is named in a diagnostic's "found" part.
    var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): "the number \(JSONNode.format(number))"
        case .string(let text): "the string \"\(text)\""
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }

    /// A number as a profile author wrote it: integers without a decimal point.
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }
}
