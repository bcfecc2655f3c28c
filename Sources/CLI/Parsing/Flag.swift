/// An option without a value (`--quiet`): given or not.
public struct Flag: OptionDeclaration {
    public let spec: OptionSpec

    public init(_ name: String, help: String, hidden: Bool = false) {
        spec = OptionSpec(name, help: help, hidden: hidden)
    }

    /// The same flag with other words, for a command whose use of it differs.
    public func with(help: String) -> Flag {
        Flag(spec.name, help: help, hidden: spec.hidden)
    }
}
