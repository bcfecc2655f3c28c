/// One of the embedded CSMS's named figures (`received.BootNotification`, `stations.connected`…) as a
/// Prometheus sample: figures of one kind share a family, what varies is a bounded label (an action, a
/// CallError code, an authorization status, a command's outcome), as Prometheus' naming advice asks.
/// A figure this table does not know yet stays visible as a gauge named after it.
struct PrometheusCSMSCounter {
    /// The CSMS's name for the figure.
    let name: String
    /// The family's name.
    let family: String
    /// Whether the family is a counter (only ever grows), rather than a gauge.
    let isCounter: Bool
    /// The family's help text.
    let help: String
    /// The sample's labels.
    let labels: [(String, String)]

    init(_ name: String) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("received", 2):
            self.init(name, "calls_received_total", "Calls the embedded CSMS received, by action.", [("action", parts[1])])
        case ("answered", 2):
            self.init(name, "calls_answered_total", "Calls the embedded CSMS answered, by action.", [("action", parts[1])])
        case ("call_errors", 2):
            self.init(name, "call_errors_total", "CallErrors the embedded CSMS answered, by code.", [("code", parts[1])])
        case ("id_tags", 2):
            self.init(
                name, "id_tag_answers_total", "idTagInfo statuses the embedded CSMS answered, by status.",
                [("status", parts[1])])
        case ("faults", 2):
            self.init(
                name, "faults_injected_total", "Faults the embedded CSMS injected (--fault), by kind.",
                [("fault", parts[1])])
        case ("commands", 3) where parts[2] == "sent":
            self.init(
                name, "commands_sent_total", "Commands the embedded CSMS sent to stations, by action.",
                [("action", parts[1])])
        case ("commands", 3):
            self.init(
                name, "commands_completed_total", "Commands of the embedded CSMS that ended, by action and outcome.",
                [("action", parts[1]), ("outcome", parts[2])])
        default:
            if let (family, isCounter, help) = Self.single[name] {
                self.init(name, family, help, [], isCounter: isCounter)
            } else {
                let sanitized = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
                self.init(name, sanitized, "Embedded CSMS figure \(name).", [], isCounter: false)
            }
        }
    }

    private init(_ name: String, _ family: String, _ help: String, _ labels: [(String, String)], isCounter: Bool = true) {
        self.name = name
        self.family = "ocpp_fleet_csms_" + family
        self.isCounter = isCounter
        self.help = help
        self.labels = labels
    }

    /// The figures that are a family of their own: (family without its prefix, counter, help).
    private static let single: [String: (String, Bool, String)] = [
        "stations.connected": ("stations_connected", false, "Stations connected to the embedded CSMS."),
        "stations.max_connected": ("stations_connected_max", false, "The most stations connected to the embedded CSMS at once."),
        "stations.connections": ("connections_total", true, "Connections the embedded CSMS accepted."),
        "stations.replaced": (
            "connections_replaced_total", true, "Connections closed by the embedded CSMS for a newer one of the same station."
        ),
        "transactions.open": ("transactions_open", false, "Transactions started and not yet stopped."),
        "transactions.started": ("transactions_started_total", true, "Transactions the embedded CSMS started."),
        "transactions.stopped": ("transactions_stopped_total", true, "Transactions the embedded CSMS stopped."),
        "transactions.stopped_unknown": (
            "transactions_stopped_unknown_total", true, "StopTransactions for a transaction the embedded CSMS did not know."
        ),
        "frames.unreadable": ("frames_unreadable_total", true, "Frames the embedded CSMS could not read."),
        "frames.unmatched": ("answers_unmatched_total", true, "Answers to no command the embedded CSMS sent."),
    ]
}
