import Foundation

/// The figures of a `report.json` the conformance tests look at, read by their keys in DESIGN.md.
struct FleetReport: Sendable {
    struct Figures: Sendable {
        var sent = 0
        var ok = 0
        var callErrors = 0
        var timeouts = 0
        /// CSMS → station calls the fleet received (and answered).
        var received = 0
        var callErrorsByCode: [String: Int] = [:]
    }

    let connections: [String: Int]
    let failedByReason: [String: Int]
    let closedByReason: [String: Int]
    let all: Figures
    let byAction: [String: Figures]
    let transactions: [String: Int]

    struct Malformed: Error {}

    init(json: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: json) as? [String: Any],
            let connections = root["connections"] as? [String: Any],
            let messages = root["messages"] as? [String: Any],
            let all = messages["all"] as? [String: Any],
            let byAction = messages["by_action"] as? [String: [String: Any]],
            let transactions = root["transactions"] as? [String: Any]
        else { throw Malformed() }
        self.connections = connections.compactMapValues { $0 as? Int }
        failedByReason = (connections["failed_by_reason"] as? [String: Int]) ?? [:]
        closedByReason = (connections["closed_by_reason"] as? [String: Int]) ?? [:]
        self.all = Self.figures(all)
        self.byAction = byAction.mapValues(Self.figures)
        self.transactions = transactions.compactMapValues { $0 as? Int }
    }

    /// An action's figures, zero when the report does not list it.
    func figures(_ action: String) -> Figures {
        byAction[action] ?? Figures()
    }

    private static func figures(_ object: [String: Any]) -> Figures {
        Figures(
            sent: object["sent"] as? Int ?? 0, ok: object["ok"] as? Int ?? 0,
            callErrors: object["call_errors"] as? Int ?? 0, timeouts: object["timeouts"] as? Int ?? 0,
            received: object["received"] as? Int ?? 0,
            callErrorsByCode: object["call_errors_by_code"] as? [String: Int] ?? [:])
    }
}
