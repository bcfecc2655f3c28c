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
}
