/// Where a byte is in JSON text: its offset, and the 1-based line and column (in UTF-8 bytes) that an
/// editor shows, so that an error can point at it.
public struct JSONPosition: Sendable, Equatable, CustomStringConvertible {
    /// Bytes from the start of the text.
    public let offset: Int
    /// 1-based line.
    public let line: Int
    /// 1-based column, in bytes.
    public let column: Int

    /// `line L, column C`.
    public var description: String {
        "line \(line), column \(column)"
    }

    /// The position of `offset` in the text that starts at `start`, found by counting its line breaks:
    /// only errors and the tree, which visits offsets in order (``LineCounter``), need it.
    static func of(_ offset: Int, in base: UnsafePointer<UInt8>, from start: Int) -> JSONPosition {
        var counter = LineCounter(start: start)
        return counter.position(of: offset, in: base)
    }
}

/// Lines counted once over text read front to back: each call counts only the bytes since the last.
struct LineCounter {
    private let start: Int
    private var counted: Int
    private var line = 1
    private var lineStart: Int

    init(start: Int) {
        self.start = start
        counted = start
        lineStart = start
    }

    mutating func position(of offset: Int, in base: UnsafePointer<UInt8>) -> JSONPosition {
        while counted < offset {
            if base[counted] == 0x0A {
                line += 1
                lineStart = counted + 1
            }
            counted += 1
        }
        return JSONPosition(offset: offset - start, line: line, column: offset - lineStart + 1)
    }
}
