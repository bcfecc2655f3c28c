/// A JSON value whose objects keep their keys in the order given, so that written files have a stable,
/// meaningful key order (Foundation's serializer sorts keys or keeps none).
enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    /// An array written on one line, for long runs of small rows (histogram buckets, timeline seconds).
    case line([JSONValue])
    case string(String)
    case integer(UInt64)
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// A number with at most three decimals (microsecond precision for milliseconds).
    static func rounded(_ value: Double) -> JSONValue {
        .number((value * 1000).rounded() / 1000)
    }

    /// Counts by name, sorted by name.
    static func counts(_ counts: [String: UInt64]) -> JSONValue {
        .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })
    }

    /// The value as indented JSON text, ending without a newline.
    func rendered() -> String {
        var text = ""
        write(to: &text, indent: 0)
        return text
    }

    private func write(to text: inout String, indent: Int) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return text += "{}" }
            text += "{\n"
            for (index, (key, value)) in members.enumerated() {
                text += String(repeating: "  ", count: indent + 1)
                Self.writeString(key, to: &text)
                text += ": "
                value.write(to: &text, indent: indent + 1)
                text += index == members.count - 1 ? "\n" : ",\n"
            }
            text += String(repeating: "  ", count: indent) + "}"
        case .array(let elements):
            guard !elements.isEmpty else { return text += "[]" }
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += String(repeating: "  ", count: indent + 1)
                element.write(to: &text, indent: indent + 1)
                text += index == elements.count - 1 ? "\n" : ",\n"
            }
            text += String(repeating: "  ", count: indent) + "]"
        case .line(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.write(to: &text, indent: indent)
            }
            text += "]"
        case .string(let string):
            Self.writeString(string, to: &text)
        case .integer(let value):
            text += String(value)
        case .number(let value):
            guard value.isFinite else { return text += "null" }
            if value == value.rounded(), abs(value) < 1e15 {
                text += String(Int64(value))
            } else {
                text += String(value)
            }
        case .bool(let value):
            text += value ? "true" : "false"
        case .null:
            text += "null"
        }
    }

    private static func writeString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
