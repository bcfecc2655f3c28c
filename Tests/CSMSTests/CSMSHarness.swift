import CSMS
import OCPP
import Testing

/// One core and one clock, for tests: frames in as text, effects out.
struct CSMSHarness {
    var csms: CentralSystem
    var now: Int64 = 1_700_000_000_000
    var effects: [CSMSEffect] = []

    init(_ configuration: CSMSConfiguration = CSMSConfiguration()) {
        csms = CentralSystem(configuration: configuration)
    }

    mutating func connect(_ stationID: String = "GU0001") -> StationHandle {
        csms.connect(stationID: stationID, now: now, into: &effects)
    }

    /// Delivers `text` and returns the effects it produced.
    mutating func deliver(_ text: String, from station: StationHandle) -> [CSMSEffect] {
        effects.removeAll()
        csms.receive(Array(text.utf8), from: station, now: now, into: &effects)
        return effects
    }

    /// Sends a CALL and returns the one frame that answers it, parsed.
    mutating func call(
        _ action: String, _ payload: String, id: String = "m1", from station: StationHandle,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> OCPPFrame {
        let sent = deliver("[2,\"\(id)\",\"\(action)\",\(payload)]", from: station)
        let frames = sent.compactMap(\.frame)
        try #require(frames.count == 1, "one answer to \(action), got \(sent)", sourceLocation: sourceLocation)
        return try OCPPFrame(parsing: frames[0].bytes)
    }

    /// Sends a CALL and decodes its CALLRESULT as the response to `Request`.
    mutating func result<Request: OCPPRequest>(
        _ request: Request, id: String = "m1", from station: StationHandle,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Request.Response {
        let frame = try call(
            Request.action.rawValue, String(decoding: request.jsonBytes, as: UTF8.self), id: id, from: station,
            sourceLocation: sourceLocation)
        guard case .callResult(let result) = frame else {
            Issue.record("expected a CALLRESULT, got \(frame)", sourceLocation: sourceLocation)
            throw HarnessFailure()
        }
        #expect(result.messageId == id, sourceLocation: sourceLocation)
        return try result.decode(responseTo: Request.self)
    }

    /// Sends a CALL and returns its CALLERROR.
    mutating func callError(
        _ text: String, from station: StationHandle, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> OCPPFrame.CallError {
        let frames = deliver(text, from: station).compactMap(\.frame)
        try #require(frames.count == 1, sourceLocation: sourceLocation)
        guard case .callError(let error) = try OCPPFrame(parsing: frames[0].bytes) else {
            Issue.record("expected a CALLERROR, got \(String(decoding: frames[0].bytes, as: UTF8.self))",
                         sourceLocation: sourceLocation)
            throw HarnessFailure()
        }
        return error
    }
}

struct HarnessFailure: Error {}

extension CSMSEffect {
    /// The frame of a send effect, with its due time.
    var frame: (station: StationHandle, bytes: [UInt8], at: Int64)? {
        guard case .send(let station, let bytes, let at) = self else { return nil }
        return (station, bytes, at)
    }

    var completion: CommandCompletion? {
        guard case .commandCompleted(let completion) = self else { return nil }
        return completion
    }
}
