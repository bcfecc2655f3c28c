/// One option of a command as the parser and `--help` both see it, whatever the type of its value: the
/// untyped face of an ``Option`` or a ``Flag``.
public struct OptionSpec: Sendable, Equatable, OptionDeclaration {
    /// The option's name with its dashes, e.g. `--stations`.
    public let name: String
    /// The placeholder of its value (`N`, `URL`), or nil for a flag.
    public let value: String?
    /// What it does, without a final period: `--help` adds its default, or "required", then the period.
    public let help: String
    /// What it is worth when not given.
    public let defaultValue: OptionDefault
    /// Whether it may be given more than once (`--slo`).
    public let repeatable: Bool
    /// Whether `--help` leaves it out: an option one `ocpp-fleet` process gives the others it starts.
    public let hidden: Bool

    public init(
        _ name: String, value: String? = nil, help: String, default defaultValue: OptionDefault = .none,
        repeatable: Bool = false, hidden: Bool = false
    ) {
        self.name = name
        self.value = value
        self.help = help
        self.defaultValue = defaultValue
        self.repeatable = repeatable
        self.hidden = hidden
    }

    public var spec: OptionSpec { self }

    /// The option as the left column of `--help` shows it: `--stations N`.
    var label: String { value.map { "\(name) \($0)" } ?? name }

    /// The right column of `--help`: the help, the default and whether it repeats, as one sentence.
    var helpLine: String {
        let notes = [defaultValue.helpSuffix, repeatable ? "repeatable" : nil].compactMap { $0 }
        return help + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))") + "."
    }

    /// The same option with other words or another default, for a command whose use of it differs; its
    /// name, placeholder and conversion stay those of the one declaration.
    func with(help: String? = nil, default defaultValue: OptionDefault? = nil) -> OptionSpec {
        OptionSpec(
            name, value: value, help: help ?? self.help, default: defaultValue ?? self.defaultValue,
            repeatable: repeatable, hidden: hidden)
    }
}
