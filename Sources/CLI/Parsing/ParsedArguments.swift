/// A command's arguments read against its ``CommandConfiguration``: every token is either a declared
/// option, its value, or a positional argument, or the whole line is refused with a ``UsageError``.
public struct ParsedArguments: Sendable {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    /// The arguments that are not options, in order.
    public private(set) var positionals: [String] = []
    /// Whether `--help` or `-h` was given.
    public private(set) var wantsHelp = false
    private let command: String

    /// Reads `tokens` (the words after the command's name).
    public init(_ tokens: [String], for configuration: CommandConfiguration) throws(UsageError) {
        command = configuration.name
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
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of a non-repeatable option, as typed.
    public func value(_ name: String) -> String? { values[name]?.first }

    /// Every value of a repeatable option, in order.
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of an option converted by `convert`; a conversion failure names the option.
    public func value<T>(
        _ name: String, as convert: (String) throws(ValueError) -> T
    ) throws(UsageError) -> T? {
        guard let text = value(name) else { return nil }
        do {
            return try convert(text)
        } catch {
            throw UsageError("invalid value '\(text)' for \(name): \(error.expected)", command: command)
        }
    }

    /// Refuses positional arguments beyond `count`.
    public func expectPositionals(atMost count: Int) throws(UsageError) {
        if positionals.count > count {
            throw UsageError(
                "unexpected argument '\(positionals[count])' for 'ocpp-fleet \(command)'", command: command)
        }
    }
}
