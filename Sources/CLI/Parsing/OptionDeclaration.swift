/// A declared option of some value type: what a ``CommandConfiguration`` lists, for its parser and its
/// `--help` alike.
public protocol OptionDeclaration: Sendable {
    /// The option without its value type.
    var spec: OptionSpec { get }
}
