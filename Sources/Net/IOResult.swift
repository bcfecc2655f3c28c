/// The outcome of a non-blocking call: done, or it would have blocked (`EAGAIN`, `EINPROGRESS`).
enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}
