import JSON

/// A value that writes itself as a JSON object, what a frame carries: every ``OCPPPayload``, and a
/// ``StationResponse`` by the payload it holds, so that one function frames a CALLRESULT around either.
public protocol PayloadEncodable: Sendable {
    /// Writes the value as a JSON object.
    func encode(to writer: inout JSONWriter)
}
