/// A command's arguments read against its ``CommandConfiguration``: every token is either a declared
/// option, its value, or a positional argument, or the whole line is refused with a ``UsageError``. The
/// command then reads its options back typed, by their declarations.
public struct ParsedArguments: Sendable {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    /// The arguments that are not options, in order.
    public private(set) var positionals: [String] = []
    /// Whether `--help` or `-h` was given.
    public private(set) var wantsHelp = false
    private let command: String
    private let declared: Set<String>

    /// Reads `tokens` (the words after the command's name).
    public init(_ tokens: [String], for configuration: CommandConfiguration) throws(UsageError) {
        command = configuration.name
        declared = Set(configuration.options.map(\.name))
        let specs = Dictionary(uniqueKeysWithValues: configuration.options.map { ($0.name, $0) })
        var index = 0
        var onlyPositionals = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if onlyPositionals || !token.hasPrefix("-") || token == "-" {
                positionals.append(token)
                continue
            }
            if token == "--" {
                onlyPositionals = true
                continue
            }
            if token == "--help" || token == "-h" {
                wantsHelp = true
                continue
            }
            let (name, inlineValue) = Self.split(token)
            guard let spec = specs[name] else {
                throw UsageError(
                    "unknown option '\(name)' for 'ocpp-fleet \(command)'", command: command)
            }
            guard let placeholder = spec.value else {
                if inlineValue != nil {
                    throw UsageError("option \(name) takes no value", command: command)
                }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < tokens.count, !tokens[index].hasPrefix("--") {
                value = tokens[index]
                index += 1
            } else {
                throw UsageError("option \(name) needs a value (\(placeholder))", command: command)
            }
            if values[name] != nil, !spec.repeatable {
                throw UsageError("option \(name) is given twice", command: command)
            }
            values[name, default: []].append(value)
        }
    }

    private static func split(_ token: String) -> (name: String, value: String?) {
        guard let equals = token.firstIndex(of: "=") else { return (token, nil) }
        return (String(token[..<equals]), String(token[token.index(after: equals)...]))
    }

    /// Whether the flag was given.
    public func flag(_ flag: Flag) -> Bool {
        expectDeclared(flag.spec)
        return flags.contains(flag.spec.name)
    }

    /// The value of an option that has one whenever the command runs: as given, else its default text
    /// read the same way; a required option not given is refused.
    public func value<Value>(_ option: Option<Value>) throws(UsageError) -> Value {
        let spec = option.spec
        expectSingle(spec)
        if let text = values[spec.name]?.first { return try convert(text, option) }
        switch spec.defaultValue {
        case .text(let text): return try convert(text, option)
        case .required: throw UsageError("option \(spec.label) is required", command: command)
        case .none, .described:
            preconditionFailure("\(spec.name) has no value when not given: read it with valueIfGiven")
        }
    }

    /// The value of an option that may be absent (its default, if any, depends on other options), or nil.
    public func valueIfGiven<Value>(_ option: Option<Value>) throws(UsageError) -> Value? {
        let spec = option.spec
        expectSingle(spec)
        precondition(
            spec.defaultValue == .none || spec.defaultValue.isDescribed,
            "\(spec.name) always has a value: read it with value(_:)")
        return try values[spec.name]?.first.map { text throws(UsageError) in try convert(text, option) }
    }

    /// Every value of a repeatable option, in order.
    public func values<Value>(_ option: Option<Value>) throws(UsageError) -> [Value] {
        expectDeclared(option.spec)
        precondition(option.spec.repeatable, "\(option.spec.name) is not repeatable")
        var converted: [Value] = []
        for text in values[option.spec.name] ?? [] { converted.append(try convert(text, option)) }
        return converted
    }

    private func convert<Value>(_ text: String, _ option: Option<Value>) throws(UsageError) -> Value {
        do {
            return try option.convert(text)
        } catch {
            throw UsageError(
                "invalid value '\(text)' for \(option.spec.name): \(error.expected)", command: command)
        }
    }

    /// A command reading an option it does not list would accept it silently and never show it in its
    /// help: a mistake of ours, caught by any test that builds the command.
    private func expectDeclared(_ spec: OptionSpec) {
        precondition(declared.contains(spec.name), "\(spec.name) is not declared by 'ocpp-fleet \(command)'")
    }

    private func expectSingle(_ spec: OptionSpec) {
        expectDeclared(spec)
        precondition(!spec.repeatable, "\(spec.name) is repeatable: read it with values(_:)")
    }

    /// Refuses positional arguments beyond `count`.
    public func expectPositionals(atMost count: Int) throws(UsageError) {
        if positionals.count > count {
            throw UsageError(
                "unexpected argument '\(positionals[count])' for 'ocpp-fleet \(command)'", command: command)
        }
    }
}
