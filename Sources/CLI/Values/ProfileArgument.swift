import Fleet
import Foundation

/// The profile of `run`, `simulate` and `capacity`: a file, or the name of a profile built into the
/// binary (`default`, `smoke`, …), so that an installed `ocpp-fleet` works from any folder. A file of
/// that name wins over a built-in profile. Checked whole before anything starts, and refused with every
/// error the same way `profile check` prints them.
struct ProfileArgument: Sendable, Equatable, CustomStringConvertible {
    private enum Source: Sendable, Equatable {
        case file(String)
        case builtIn(String)
    }

    private let source: Source

    /// The built-in `default` profile: what runs when no `--profile` is given.
    static let standard = ProfileArgument(source: .builtIn("default"))

    static func argument(_ text: String) throws(ValueError) -> ProfileArgument {
        if FileManager.default.fileExists(atPath: text) {
            return ProfileArgument(source: .file(try InputFile.argument(text)))
        }
        if BuiltInProfile.named(text) != nil { return ProfileArgument(source: .builtIn(text)) }
        throw ValueError(
            expected: "a profile file or the name of a built-in profile (\(BuiltInProfile.names.joined(separator: ", "))); "
                + "there is no file at \(text)")
    }

    /// The profile as reports and banners name it: the path as given, or the built-in profile's name.
    var description: String {
        switch source {
        case .file(let path): path
        case .builtIn(let name): name
        }
    }

    /// Reads and checks the profile.
    /// - Throws: ``UsageError`` with every problem of the profile, for `command`'s usage line.
    func load(command: String) throws(UsageError) -> Profile {
        do {
            switch source {
            case .file(let path): return try Profile.load(file: path)
            case .builtIn(let name): return try BuiltInProfile.named(name)!.load()
            }
        } catch {
            let count = error.diagnostics.count
            throw UsageError(
                "\(error.description)\n\(self): \(count) error\(count == 1 ? "" : "s"); nothing was started",
                command: command)
        }
    }
}
