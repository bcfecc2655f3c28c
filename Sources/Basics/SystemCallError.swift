import Glibc

/// A system call that failed, with the call's name and the `errno` it left.
public struct SystemCallError: Error, CustomStringConvertible, Equatable {
    /// The failing call, e.g. `"connect"`.
    public let call: String
    /// The `errno` value, e.g. `ECONNREFUSED`.
    public let code: Int32

    /// The failure of `call` with `errno` `code`.
    public init(call: String, code: Int32) {
        self.call = call
        self.code = code
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}
