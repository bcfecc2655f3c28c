import Foundation

/// This benchmark run again as a child process (a server or a client side), spoken to by lines.
final class ChildProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The next line starting with `prefix` (earlier lines are skipped), split into its fields.
    func expect(_ prefix: String) throws -> [String] {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                if line.hasPrefix(prefix) { return line.split(separator: " ").dropFirst().map(String.init) }
                continue
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw BenchFailure(description: "child \(process.arguments ?? []) ended before \(prefix)") }
            buffered.append(data)
        }
    }

    /// Ask a command, read its answer's first field as an integer.
    func ask(_ command: String, _ prefix: String) throws -> Int {
        send(command)
        guard let value = try expect(prefix).first.flatMap({ Int($0) }) else {
            throw BenchFailure(description: "bad answer to \(command)")
        }
        return value
    }

    func finish() {
        send("quit")
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
