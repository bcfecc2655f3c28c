import Foundation

/// A place in a JSON document parsed by Foundation, which knows its path so that every error names it.
struct JSONCursor {
    let value: Any
    let path: String
    let file: String

    func failure(_ expected: String) -> ReportFileError {
        ReportFileError(file: file, path: path, expected: expected)
    }

    func members() throws(ReportFileError) -> [(key: String, cursor: JSONCursor)] {
        guard let object = value as? [String: Any] else { throw failure("an object") }
        return object.sorted { $0.key < $1.key }.map { ($0.key, child($0.value, key: $0.key)) }
    }

    func elements() throws(ReportFileError) -> [JSONCursor] {
        guard let array = value as? [Any] else { throw failure("an array") }
        return array.enumerated().map { JSONCursor(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    subscript(key: String) -> JSONCursor {
        get throws(ReportFileError) {
            guard let object = value as? [String: Any] else { throw failure("an object") }
            guard let member = object[key] else { throw child(NSNull(), key: key).failure("a value (missing)") }
            return child(member, key: key)
        }
    }

    /// The member named `key`, or nil when the object has none.
    func optional(_ key: String) throws(ReportFileError) -> JSONCursor? {
        guard let object = value as? [String: Any] else { throw failure("an object") }
        return object[key].map { child($0, key: key) }
    }

    func string() throws(ReportFileError) -> String {
        guard let string = value as? String else { throw failure("a string") }
        return string
    }

    func bool() throws(ReportFileError) -> Bool {
        guard let number = value as? NSNumber, Self.isBoolean(number) else { throw failure("true or false") }
        return number.boolValue
    }

    func number() throws(ReportFileError) -> Double {
        guard let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite else {
            throw failure("a number")
        }
        return number.doubleValue
    }

    /// A whole number from 0 to 2^64 - 1, read without going through a Double so large seeds stay exact.
    func unsigned() throws(ReportFileError) -> UInt64 {
        guard let number = value as? NSNumber, !Self.isBoolean(number) else { throw failure("a whole number, 0 or more") }
        let text = number.stringValue
        if let exact = UInt64(text) { return exact }
        let double = number.doubleValue
        guard double >= 0, double < 0x1p64, double == double.rounded() else {
            throw failure("a whole number, 0 or more")
        }
        return UInt64(double)
    }

    /// Milliseconds as the report writes them (three decimals), back to whole microseconds.
    func micros() throws(ReportFileError) -> UInt64 {
        let millis = try number()
        guard millis >= 0, millis * 1000 < 0x1p64 else { throw failure("milliseconds, 0 or more") }
        return UInt64((millis * 1000).rounded())
    }

    private func child(_ value: Any, key: String) -> JSONCursor {
        let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return JSONCursor(value: value, path: simple ? "\(path).\(key)" : "\(path)[\"\(key)\"]", file: file)
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // Foundation gives JSON's true and false the Objective-C type code of BOOL, and numbers never.
        String(cString: number.objCType) == "c"
    }
}
