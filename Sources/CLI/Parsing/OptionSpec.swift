/// One option of a command, as `--help` shows it and as the parser accepts it.
public struct OptionSpec: Sendable {
    /// The option's name with its dashes, e.g. `--stations`.
    public let name: String
    /// The placeholder of its value (`N`, `URL`), or nil for a flag.
    public let value: String?
    /// One or two sentences for `--help`.
    public let help: String
    /// Whether it may be given more than once (`--slo`).
    public let repeatable: Bool
    /// Whether `--help` leaves it out: an option one `ocpp-fleet` process gives the others it starts.
    public let hidden: Bool

    public init(_ name: String, value: String? = nil, help: String, repeatable: Bool = false, hidden: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.repeatable = repeatable
        self.hidden = hidden
    }
}
