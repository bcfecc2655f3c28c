import OCPP
import Station

/// A frame on its way between a simulated station and its CSMS core: its JSON when the trace records
/// it (or when it is no CALL of the station nor its answer), else the typed value the other end acts
/// on, so that no JSON is written or read for it. Both ends act alike on either form.
enum SimulatedFrame {
    case json([UInt8])
    /// A CALL of the station, with its ``Station/OutgoingMessage/request``.
    case call(OutgoingMessage)
    /// The CSMS's CALLRESULT to a CALL of the station.
    case answer(StationResponse, messageId: String)
}
