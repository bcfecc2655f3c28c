import Fleet

/// A `--fault` of `run`, following ``FaultSpec``'s grammar.
enum FaultArgument {
    static func argument(_ spec: String) throws(ValueError) -> TimedEvent {
        do {
            return try FaultSpec.parse(spec)
        } catch {
            throw ValueError(expected: error.expected)
        }
    }
}
