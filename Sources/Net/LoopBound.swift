/// A value that belongs to one ``EventLoop``, which other threads may hold and pass around but only the
/// loop may touch.
///
/// Loop-confined objects (a fleet's share of the stations, a server's listener, a channel's handler) are
/// not `Sendable`. Wrapped in a `LoopBound`, they can be handed to another thread and back to their loop
/// (`loop.execute { bound.value.closeAll() }`), and a touch from any other thread stops the process at
/// the culprit instead of racing silently (see ``EventLoop/preconditionInLoop(_:)``). The idea is
/// swift-nio's `NIOLoopBound`.
///
/// ```swift
/// let bound = try await loop.submit { LoopBound(Shard(loop: loop), loop: loop) }
/// loop.execute { bound.value.start() }     // on the loop: fine
/// bound.value.start()                      // anywhere else: traps
/// ```
public struct LoopBound<Value>: @unchecked Sendable {
    // @unchecked Sendable: `stored` is reached only through `value`, which checks that the caller runs on
    // `loop`, and is made there.

    /// The loop the value belongs to.
    public let loop: EventLoop
    private var stored: Value

    /// Binds `value` to `loop`. Call it on `loop`, where the value was made.
    public init(_ value: Value, loop: EventLoop) {
        loop.preconditionInLoop("LoopBound.init")
        self.loop = loop
        stored = value
    }

    /// The value; read or change it only on ``loop``.
    public var value: Value {
        get {
            loop.preconditionInLoop("LoopBound.value")
            return stored
        }
        _modify {
            loop.preconditionInLoop("LoopBound.value")
            yield &stored
        }
    }
}
