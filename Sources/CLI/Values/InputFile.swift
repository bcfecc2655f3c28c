import Foundation

/// A file the command reads: it must exist and be readable before anything starts.
enum InputFile {
    static func argument(_ path: String) throws(ValueError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { throw ValueError(expected: "an existing file (no file at \(path))") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ValueError(expected: "a readable file (\(path) cannot be read)")
        }
        return path
    }

    /// `Profiles/default.json` from the working folder, else from the package that built this binary.
    static var defaultProfile: String {
        let relative = "Profiles/default.json"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // .build/<triple>/<configuration>/ocpp-fleet → the package root is four levels up.
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return relative
    }
}
