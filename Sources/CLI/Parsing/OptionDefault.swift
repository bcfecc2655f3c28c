/// What an option is worth when the command line does not give it, as its declaration states it: the
/// parser applies it and `--help` shows it, from the same value.
public enum OptionDefault: Sendable, Equatable {
    /// Nothing: the option only acts when given (`--report`, a flag).
    case none
    /// The command cannot run without it; reading it when absent is a ``UsageError``.
    case required
    /// As if this text had been given (`60s`): read by the option's own conversion, shown as typed.
    case text(String)
    /// A default that depends on other options or on the run, in words; the command works it out.
    case described(String)

    /// Whether the default is said in words and worked out by the command.
    var isDescribed: Bool {
        if case .described = self { return true }
        return false
    }

    /// The words `--help` adds after the option's help, if any.
    var helpSuffix: String? {
        switch self {
        case .none: nil
        case .required: "required"
        case .text(let text): "default: \(text)"
        case .described(let words): "default: \(words)"
        }
    }
}
