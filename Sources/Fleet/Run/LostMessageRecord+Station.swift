import Metrics
import OCPP
import Station

extension LostMessageRecord {
    /// How the report names a message the station `station` lost: one rule for both runners.
    init(_ lost: LostMessage, station: String) {
        self.init(
            station: station, action: lost.action.rawValue, transactionId: lost.transactionId,
            timestamp: lost.timestamp?.description, reason: lost.reason.rawValue)
    }
}
