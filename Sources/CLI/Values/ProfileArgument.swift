import Fleet

/// The profile of `run`, `simulate` and `capacity`: checked whole before anything starts, and refused
/// with every error the same way `profile check` prints them.
enum ProfileArgument {
    static func load(_ file: String, command: String) throws(UsageError) -> Profile {
        do {
            return try Profile.load(file: file)
        } catch {
            let count = error.diagnostics.count
            throw UsageError(
                "\(error.description)\n\(file): \(count) error\(count == 1 ? "" : "s"); nothing was started",
                command: command)
        }
    }
}
