/// A profile shipped inside the binary, so that `--profile smoke` works from any folder and an installed
/// `ocpp-fleet` needs no file beside it. SwiftPM embeds the files of `Profiles/` in the code at each build
/// (`.embedInCode` in `Package.swift`); ``all`` names them, and a test checks that it names every one.
public struct BuiltInProfile: Sendable {
    /// The name it is asked for by, its file's name in `Profiles/` without `.json`.
    public let name: String
    /// The JSON text, the same bytes as the file.
    public let text: String

    /// The built-in profile called `name`, if any.
    public static func named(_ name: String) -> BuiltInProfile? {
        all.first { $0.name == name }
    }

    /// Every built-in profile's name, in the order of ``all``.
    public static var names: [String] { all.map(\.name) }

    /// Reads and checks the profile; diagnostics name it `<name> (built in)`.
    /// - Throws: ``ProfileError`` (never for a shipped profile: a test checks every one).
    public func load() throws(ProfileError) -> Profile {
        try Profile.parse(Array(text.utf8), file: "\(name) (built in)")
    }
}
