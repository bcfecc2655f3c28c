import JSON

internal import Foundation

extension Profile {
    /// Reads and checks the profile in `file`.
    ///
    /// - Parameter file: A path, as the user gave it; diagnostics name the file this way.
    /// - Returns: The profile, when nothing is wrong with it.
    /// - Throws: ``ProfileError`` with every problem found: an unreadable file, a JSON syntax error (with
    ///   its line and column), or each value that breaks the profile's rules.
    public static func load(file: String) throws(ProfileError) -> Profile {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ProfileError(diagnostics: [
                ProfileDiagnostic(
                    file: file, path: "$", line: 1, column: 1, expected: "a readable JSON file",
                    found: FileManager.default.fileExists(atPath: file) ? "a file that cannot be read" : "no such file")
            ])
        }
        return try parse(Array(data), file: file)
    }

    /// Every problem of the profile in `file`; empty when it is good.
    public static func check(file: String) -> [ProfileDiagnostic] {
        do {
            _ = try load(file: file)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Checks and reads a profile from the bytes of a JSON document.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 JSON text.
    ///   - file: The name diagnostics give as the file.
    /// - Throws: ``ProfileError`` with every problem found.
    public static func parse(_ bytes: [UInt8], file: String) throws(ProfileError) -> Profile {
        let root: JSONNode
        do {
            root = try JSONNode.parse(bytes)
        } catch {
            throw ProfileError(diagnostics: [
                ProfileDiagnostic(
                    file: file, path: "$", line: error.position.line, column: error.position.column,
                    expected: error.expected, found: error.found)
            ])
        }
        var reader = ProfileReader(file: file)
        guard let profile = reader.profile(root) else {
            // In the file's order, whatever order the reader met them in.
            let sorted = reader.diagnostics.enumerated().sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }
            throw ProfileError(diagnostics: sorted.map(\.element))
        }
        return profile
    }
}
