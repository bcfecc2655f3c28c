import JSON

extension JSONNode {
    /// How the value's kind is named in a diagnostic's "found" part.
    var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): "the number \(JSONNode.format(number.double))"
        case .string(let text): "the string \"\(text)\""
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }

    /// A number as a profile author wrote it, the way every JSON text of ours writes numbers: integers
    /// without a decimal point.
    static func format(_ number: Double) -> String {
        var writer = JSONWriter()
        writer.double(number)
        return writer.text
    }
}
