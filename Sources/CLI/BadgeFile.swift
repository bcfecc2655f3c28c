import CSMS
import Foundation
import JSON
import OCPP

/// The badges of `ocpp-fleet csms --badges FILE`: a JSON object whose members list idTags by the status
/// the CSMS answers for them, every member optional; a badge on no list is `Invalid`.
///
/// ```json
/// { "accepted": ["BADGE-1", "BADGE-2"], "blocked": ["STOLEN-7"], "expired": ["OLD-3"], "invalid": ["LOST-9"] }
/// ```
enum BadgeFile {
    /// The lists a file may hold, and the badge each makes of an idTag.
    static let lists: [(key: String, badge: @Sendable (String) -> Badge)] = [
        ("accepted", { .valid($0) }),
        ("blocked", { .blocked($0) }),
        ("expired", { Badge(idTag: $0, status: .expired) }),
        ("invalid", { Badge(idTag: $0, status: .invalid) }),
    ]

    /// Reads and checks the file.
    /// - Throws: ``UsageError`` naming the file, the JSON path and what was expected there.
    static func load(_ path: String) throws(UsageError) -> [Badge] {
        func failure(_ where: String, _ expected: String) -> UsageError {
            UsageError("\(path): at \(`where`): expected \(expected)", command: "csms")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("$", "a readable JSON file")
        }
        let root: JSONNode
        do {
            root = try JSONNode.parse(Array(data))
        } catch {
            throw failure("$", "a JSON document (\(error))")
        }
        let keys = lists.map(\.key)
        guard case .object(let members) = root.value else {
            throw failure("$", "an object with lists of idTags under \(keys.joined(separator: ", "))")
        }
        if let stray = members.map(\.key).sorted().first(where: { !keys.contains($0) }) {
            throw failure("$.\(stray)", "one of \(keys.joined(separator: ", "))")
        }
        var badges: [Badge] = []
        var listOf: [String: String] = [:]
        for (key, badge) in lists {
            let named = members.filter { $0.key == key }
            guard named.count <= 1 else { throw failure("$.\(key)", "each list once") }
            guard let value = named.first?.value else { continue }
            guard case .array(let idTags) = value.value else { throw failure("$.\(key)", "an array of idTags") }
            for (index, element) in idTags.enumerated() {
                let place = "$.\(key)[\(index)]"
                guard case .string(let idTag) = element.value, (1...20).contains(idTag.count), idTag.allSatisfy(\.isASCII)
                else {
                    throw failure(place, "an idTag: a string of 1 to 20 ASCII characters")
                }
                if let other = listOf[idTag] {
                    throw failure(place, "each idTag on one list only ('\(idTag)' is also in \(other))")
                }
                listOf[idTag] = key
                badges.append(badge(idTag))
            }
        }
        return badges
    }
}
