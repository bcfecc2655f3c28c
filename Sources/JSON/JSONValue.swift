/// A JSON value built to be written: objects keep their members in the order given, so that written
/// files have a stable, meaningful key order (Foundation's serializer sorts keys or keeps none).
/// ``JSONWriter`` writes it, as every JSON text of the package is written.
public enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    /// An array written on one line, for long runs of small rows (histogram buckets, timeline seconds).
    case line([JSONValue])
    case string(String)
    case integer(UInt64)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// The value as indented JSON text, ending without a newline.
    public func rendered() -> String {
        var writer = JSONWriter.indented()
        write(to: &writer)
        return writer.text
    }

    /// The value as compact JSON text, on one line.
    public func compact() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.text
    }

    /// Writes the value.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .object(let members):
            writer.beginObject()
            for (key, value) in members {
                writer.key(key)
                value.write(to: &writer)
            }
            writer.endObject()
        case .array(let elements), .line(let elements):
            writer.beginArray(oneLine: isLine)
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .string(let string): writer.string(string)
        case .integer(let value): writer.unsigned(value)
        case .number(let value): writer.double(value)
        case .bool(let value): writer.bool(value)
        case .null: writer.null()
        }
    }

    private var isLine: Bool {
        if case .line = self { return true }
        return false
    }
}
