/// One option with a value, declared once: its name, placeholder, help, default and how its text becomes
/// a `Value`. A command lists it in its ``CommandConfiguration`` (so the parser accepts it and `--help`
/// shows it) and reads it back typed through ``ParsedArguments``, as swift-argument-parser's `@Option`
/// does with a property wrapper.
public struct Option<Value>: OptionDeclaration {
    public let spec: OptionSpec
    /// Reads one value as typed; the parser names the option and the text when it throws.
    let convert: @Sendable (String) throws(ValueError) -> Value

    /// - Parameters:
    ///   - name: with its dashes, e.g. `--stations`.
    ///   - placeholder: its value in `--help`: `N`, `URL`.
    ///   - help: what it does, without a final period.
    ///   - default: what it is worth when not given; a ``OptionDefault/text(_:)`` goes through `convert`.
    ///   - repeatable: whether it may be given more than once.
    ///   - convert: reads a value, or says what was expected.
    public init(
        _ name: String, _ placeholder: String, help: String, default defaultValue: OptionDefault = .none,
        repeatable: Bool = false, hidden: Bool = false,
        as convert: @escaping @Sendable (String) throws(ValueError) -> Value
    ) {
        spec = OptionSpec(
            name, value: placeholder, help: help, default: defaultValue, repeatable: repeatable, hidden: hidden)
        self.convert = convert
    }

    private init(spec: OptionSpec, convert: @escaping @Sendable (String) throws(ValueError) -> Value) {
        self.spec = spec
        self.convert = convert
    }

    /// The same option for a command whose use of it differs in words or default: its name, placeholder
    /// and conversion stay this declaration's, so it parses alike in every command.
    public func with(help: String? = nil, default defaultValue: OptionDefault? = nil) -> Option {
        Option(spec: spec.with(help: help, default: defaultValue), convert: convert)
    }
}
