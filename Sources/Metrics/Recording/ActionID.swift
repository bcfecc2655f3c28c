/// An action registered with one ``MetricsRecorder``: recording by index keeps string hashing off the
/// hot path. It is only meaningful for the recorder that made it.
public struct ActionID: Hashable, Sendable {
    let index: Int
}
