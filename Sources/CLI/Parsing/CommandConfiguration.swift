/// What a command is called, what it does and which options it takes: the source of its `--help`.
public struct CommandConfiguration: Sendable {
    /// The words that select the command, e.g. `["profile", "check"]`.
    public let path: [String]
    /// One line for the command list.
    public let abstract: String
    /// The positional arguments as the usage line shows them, e.g. `FILE`.
    public let arguments: String
    /// Every option it takes, in the order `--help` lists them: what the parser accepts.
    public let options: [OptionSpec]
    /// Paragraphs printed after the options (grammars, examples).
    public let discussion: String

    public init(
        path: [String], abstract: String, arguments: String = "", options: [any OptionDeclaration],
        discussion: String = ""
    ) {
        self.path = path
        self.abstract = abstract
        self.arguments = arguments
        self.options = options.map(\.spec)
        self.discussion = discussion
    }

    /// The command's name as a user types it: `profile check`.
    public var name: String { path.joined(separator: " ") }

    /// The complete `--help` text.
    public var help: String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: ocpp-fleet \(name)"
        if !options.isEmpty { text += " [options]" }
        if !arguments.isEmpty { text += " \(arguments)" }
        text += "\n"
        if !options.isEmpty {
            text += "\nOPTIONS:\n"
            let all = options.filter { !$0.hidden } + [OptionSpec("--help", help: "Show this help")]
            let labels = all.map(\.label)
            let width = min(28, labels.map(\.count).max() ?? 0)
            for (spec, label) in zip(all, labels) {
                let padded = label.count > width
                    ? label + "\n" + String(repeating: " ", count: width + 4)
                    : label + String(repeating: " ", count: width - label.count)
                text += "  \(padded)  \(spec.helpLine)\n"
            }
        }
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        return text
    }
}
