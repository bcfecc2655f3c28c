import JSON

/// A place in a report's JSON tree, which knows its path so that every error names it.
struct JSONCursor {
    let node: JSONNode
    let path: String
    let file: String

    func failure(_ expected: String) -> ReportFileError {
        ReportFileError(file: file, path: path, expected: expected)
    }

    /// The object's members, sorted by name; a name given twice is an error, as no report writes one.
    func members() throws(ReportFileError) -> [(key: String, cursor: JSONCursor)] {
        let members = try objectMembers()
        var seen = Set<String>()
        for member in members where !seen.insert(member.key).inserted {
            throw child(member.value, key: member.key).failure("each member once")
        }
        return members.sorted { $0.key < $1.key }.map { ($0.key, child($0.value, key: $0.key)) }
    }

    func elements() throws(ReportFileError) -> [JSONCursor] {
        guard case .array(let elements) = node.value else { throw failure("an array") }
        return elements.enumerated().map { JSONCursor(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    subscript(key: String) -> JSONCursor {
        get throws(ReportFileError) {
            guard let member = try optional(key) else {
                throw JSONCursor(node: node, path: Self.childPath(path, key), file: file).failure("a value (missing)")
            }
            return member
        }
    }

    /// The member named `key`, or nil when the object has none.
    func optional(_ key: String) throws(ReportFileError) -> JSONCursor? {
        let named = try objectMembers().filter { $0.key == key }
        guard named.count <= 1 else { throw child(named[1].value, key: key).failure("each member once") }
        return named.first.map { child($0.value, key: key) }
    }

    /// Whether the value is `null`.
    var isNull: Bool {
        if case .null = node.value { return true }
        return false
    }

    func string() throws(ReportFileError) -> String {
        guard case .string(let string) = node.value else { throw failure("a string") }
        return string
    }

    func bool() throws(ReportFileError) -> Bool {
        guard case .bool(let flag) = node.value else { throw failure("true or false") }
        return flag
    }

    func number() throws(ReportFileError) -> Double {
        guard case .number(let number) = node.value else { throw failure("a number") }
        return number.double
    }

    /// A whole number from 0 to 2^64 - 1, read from its text so that large seeds stay exact.
    func unsigned() throws(ReportFileError) -> UInt64 {
        guard case .number(let number) = node.value, let whole = number.unsigned else {
            throw failure("a whole number, 0 or more")
        }
        return whole
    }

    /// Milliseconds as the report writes them (three decimals), back to whole microseconds.
    func micros() throws(ReportFileError) -> UInt64 {
        let millis = try number()
        guard millis >= 0, millis * 1000 < 0x1p64 else { throw failure("milliseconds, 0 or more") }
        return UInt64((millis * 1000).rounded())
    }

    private func objectMembers() throws(ReportFileError) -> [(key: String, value: JSONNode)] {
        guard case .object(let members) = node.value else { throw failure("an object") }
        return members
    }

    private func child(_ node: JSONNode, key: String) -> JSONCursor {
        JSONCursor(node: node, path: Self.childPath(path, key), file: file)
    }

    private static func childPath(_ path: String, _ key: String) -> String {
        let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return simple ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }
}
