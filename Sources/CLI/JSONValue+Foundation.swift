import Foundation
import JSON

extension JSONValue {
    /// A value built as Foundation's `JSONSerialization` takes it (dictionaries, arrays, strings,
    /// numbers, booleans, `NSNull`), with each object's keys sorted, so that such a value is written
    /// the way every JSON text of ours is.
    init(sortingKeysOf object: Any) {
        switch object {
        case let flag as Bool: self = .bool(flag)
        case let number as any BinaryInteger: self = Self.whole(number)
        case let number as Double: self = .number(number)
        case let text as String: self = .string(text)
        case let members as [String: Any]:
            self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, JSONValue(sortingKeysOf: $0.value)) })
        case let elements as [Any]: self = .array(elements.map(JSONValue.init(sortingKeysOf:)))
        default: self = .null
        }
    }

    /// Every integer width the summaries hold; a negative one is written as a number, as JSON allows.
    private static func whole(_ number: some BinaryInteger) -> JSONValue {
        number >= 0 ? .integer(UInt64(number)) : .number(Double(number))
    }
}
