import JSON

/// Reads a profile from its parsed JSON, collecting every problem instead of stopping at the first.
///
/// Each reading function reports what is wrong at its own path and returns `nil`; its callers carry on
/// with the rest of the file, so one pass finds every error.
struct ProfileReader {
    let file: String
    private(set) var diagnostics: [ProfileDiagnostic] = []
    /// The most charging points a station of the profile has (its models are read before its sites).
    var chargingPoints = GreenUpModel.twoEV.chargingPoints

    init(file: String) {
        self.file = file
    }

    /// A JSON object's members, checked against the names it may hold.
    struct Members {
        let node: JSONNode
        let path: String
        let byName: [String: JSONNode]

        func path(of name: String) -> String {
            ProfileReader.childPath(path, name)
        }

        subscript(name: String) -> JSONNode? { byName[name] }
    }

    static func childPath(_ path: String, _ name: String) -> String {
        let isIdentifier = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return isIdentifier ? "\(path).\(name)" : "\(path)[\"\(name)\"]"
    }

    mutating func report(_ node: JSONNode, _ path: String, expected: String, found: String? = nil) {
        diagnostics.append(
            ProfileDiagnostic(
                file: file, path: path, line: node.line, column: node.column,
                expected: expected, found: found ?? node.kindDescription))
    }

    /// Reports what `node` should have been, and gives nil: the end of a read that found something else
    /// (`guard … else { return rejected(node, path, expected: "a string") }`).
    mutating func rejected<Value>(_ node: JSONNode, _ path: String, expected: String, found: String? = nil) -> Value? {
        report(node, path, expected: expected, found: found)
        return nil
    }

    // MARK: Structure

    mutating func object(_ node: JSONNode, _ path: String, allowed: [String]) -> Members? {
        guard case .object(let members) = node.value else {
            return rejected(node, path, expected: "an object")
        }
        var byName: [String: JSONNode] = [:]
        for (name, value) in members {
            let memberPath = Self.childPath(path, name)
            if !allowed.contains(name) {
                report(
                    value, memberPath, expected: "a member among " + allowed.joined(separator: ", "),
                    found: "an unknown member \"\(name)\"")
            } else if byName[name] != nil {
                report(value, memberPath, expected: "each member once", found: "\"\(name)\" a second time")
            } else {
                byName[name] = value
            }
        }
        return Members(node: node, path: path, byName: byName)
    }

    mutating func required(_ members: Members, _ name: String) -> JSONNode? {
        guard let node = members[name] else {
            return rejected(members.node, members.path, expected: "a member \"\(name)\"", found: "none")
        }
        return node
    }

    /// The one member of `choices` that `members` holds; reports none or several.
    mutating func oneOf(_ members: Members, _ choices: [String]) -> String? {
        let present = choices.filter { members[$0] != nil }
        guard present.count == 1 else {
            let list = choices.map { "\"\($0)\"" }.joined(separator: ", ")
            let found = present.isEmpty ? "none" : present.map { "\"\($0)\"" }.joined(separator: " and ")
            return rejected(members.node, members.path, expected: "exactly one member among \(list)", found: found)
        }
        return present[0]
    }

    mutating func array(_ node: JSONNode, _ path: String, count: Int? = nil, nonEmpty: Bool = false) -> [JSONNode]? {
        guard case .array(let items) = node.value else {
            return rejected(node, path, expected: count.map { "an array of \($0)" } ?? "an array")
        }
        if let count, items.count != count {
            return rejected(node, path, expected: "an array of \(count)")
        }
        if nonEmpty && items.isEmpty {
            return rejected(node, path, expected: "a non-empty array")
        }
        return items
    }

    // MARK: Scalars

    mutating func string(_ node: JSONNode, _ path: String, nonEmpty: Bool = true) -> String? {
        guard case .string(let text) = node.value else {
            return rejected(node, path, expected: "a string")
        }
        if nonEmpty && text.isEmpty {
            return rejected(node, path, expected: "a non-empty string")
        }
        return text
    }

    /// The range a number must be in, and how a diagnostic says it.
    enum Bound {
        case atLeast(Double)
        case above(Double)
        case between(Double, Double)

        func admits(_ number: Double) -> Bool {
            switch self {
            case .atLeast(let low): number >= low
            case .above(let low): number > low
            case .between(let low, let high): number >= low && number <= high
            }
        }

        var text: String {
            switch self {
            case .atLeast(let low): "at least \(JSONNode.format(low))"
            case .above(let low): "above \(JSONNode.format(low))"
            case .between(let low, let high): "from \(JSONNode.format(low)) to \(JSONNode.format(high))"
            }
        }
    }

    mutating func number(_ node: JSONNode, _ path: String, _ bound: Bound) -> Double? {
        guard case .number(let number) = node.value, bound.admits(number.double) else {
            return rejected(node, path, expected: "a number \(bound.text)")
        }
        return number.double
    }

    mutating func integer(_ node: JSONNode, _ path: String, _ bound: Bound) -> Int? {
        guard case .number(let number) = node.value, number.double == number.double.rounded(),
            bound.admits(number.double), abs(number.double) < 1e15
        else {
            return rejected(node, path, expected: "an integer \(bound.text)")
        }
        return Int(number.double)
    }

    mutating func share(_ node: JSONNode, _ path: String) -> Double? {
        number(node, path, .between(0, 1))
    }

    mutating func duration(_ node: JSONNode, _ path: String, atLeast minimum: Int64 = 0) -> Int64? {
        guard case .string(let text) = node.value, let milliseconds = DurationText.milliseconds(text),
            milliseconds >= minimum
        else {
            let unit = minimum % 1000 == 0 ? "\(minimum / 1000) s" : "\(minimum) ms"
            let floor = minimum > 0 ? " of at least \(unit)" : ""
            return rejected(node, path, expected: "a duration such as \"90s\", \"10m\" or \"1h30m\"\(floor)")
        }
        return milliseconds
    }

    /// Reports at `node` unless `shares` sum to 1 (within rounding).
    mutating func checkSum(_ shares: [Double], _ node: JSONNode, _ path: String) {
        let sum = shares.reduce(0, +)
        if abs(sum - 1) > 1e-6 {
            report(node, path, expected: "shares summing to 1", found: "shares summing to \(JSONNode.format((sum * 1e9).rounded() / 1e9))")
        }
    }
}
