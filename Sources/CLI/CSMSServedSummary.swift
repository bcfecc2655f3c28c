import Foundation
import JSON

/// What `ocpp-fleet csms` served until it was stopped, from its counters (names in
/// `CentralSystem.counterSnapshot`): for a person on stdout, and as `csms.json` with `--report DIR`.
struct CSMSServedSummary {
    /// Every counter, by name.
    var counters: [String: Double]
    /// How long it listened, in seconds.
    var seconds: Double
    /// Where it listened, `HOST:PORT`.
    var address: String
    /// Where its badges came from, in words.
    var badges: String
    /// The connections each process served, when several served the port (`--processes`).
    var connectionsByProcess: [UInt64] = []

    private func count(_ name: String) -> UInt64 { UInt64(counters[name] ?? 0) }

    /// The counters under `prefix` with a non-zero count, by the rest of their name, sorted.
    private func group(_ prefix: String) -> [(name: String, count: UInt64)] {
        counters.filter { $0.key.hasPrefix(prefix) && $0.value > 0 }
            .map { (String($0.key.dropFirst(prefix.count)), UInt64($0.value)) }
            .sorted { $0.name < $1.name }
    }

    private static func listed(_ counts: [(name: String, count: UInt64)]) -> String {
        counts.isEmpty ? "none" : counts.map { "\($0.count) \($0.name)" }.joined(separator: ", ")
    }

    /// The summary as lines of text.
    var text: String {
        var lines = [
            "ocpp-fleet csms: served \(count("stations.connections")) connections on \(address) for "
                + String(format: "%.1f", seconds) + " s (at most \(count("stations.max_connected")) stations at once, "
                + "\(count("stations.replaced")) replaced by a newer link)",
            "transactions  \(count("transactions.started")) started, \(count("transactions.stopped")) stopped, "
                + "\(count("transactions.open")) still open"
                + (count("transactions.stopped_unknown") == 0
                    ? "" : ", \(count("transactions.stopped_unknown")) stops of transactions it did not know"),
            "badges        \(Self.listed(group("id_tags."))) (\(badges))",
        ]
        if !connectionsByProcess.isEmpty {
            lines.append(
                "processes     \(connectionsByProcess.count), connections by process: "
                    + connectionsByProcess.map(String.init).joined(separator: ", "))
        }
        let errors = group("call_errors.")
        if !errors.isEmpty { lines.append("call errors   \(Self.listed(errors))") }
        let frames = count("frames.unreadable") + count("frames.unmatched")
        if frames > 0 {
            lines.append(
                "bad frames    \(count("frames.unreadable")) unreadable, \(count("frames.unmatched")) answers to no command")
        }
        let received = group("received.")
        if !received.isEmpty {
            var rows = [["message", "received", "answered"]]
            for (action, number) in received {
                rows.append([action, String(number), String(count("answered.\(action)"))])
            }
            lines += [""] + Self.aligned(rows)
        }
        let sent = group("commands.").filter { $0.name.hasSuffix(".sent") }
        if !sent.isEmpty {
            var rows = [["command", "sent", "outcomes"]]
            for (name, number) in sent {
                let action = String(name.dropLast(".sent".count))
                let outcomes = group("commands.\(action).").filter { $0.name != "sent" }
                rows.append([action, String(number), Self.listed(outcomes)])
            }
            lines += [""] + Self.aligned(rows)
        }
        return lines.joined(separator: "\n")
    }

    /// `csms.json`: where and how long it served, where its badges came from, and every counter.
    var json: String {
        var members: [(String, JSONValue)] = [("badges", .string(badges))]
        if !connectionsByProcess.isEmpty {
            members.append(("connections_by_process", .array(connectionsByProcess.map(JSONValue.integer))))
        }
        members += [
            ("counters", .object(counters.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
            ("duration_s", .number((seconds * 1000).rounded() / 1000)),
            ("listen", .string(address)),
        ]
        return JSONValue.object(members).rendered() + "\n"
    }

    /// Rows padded into columns: counts right-aligned, words (the first column, outcomes) left-aligned.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || rows[0][column] == "outcomes" ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
