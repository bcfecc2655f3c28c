import OCPP

/// What the CSMS core keeps about one connected station: its fault stream and its commands.
///
/// OCPP-J lets a party have one CALL of its own in flight per link, so commands wait in `queued` while
/// one is `pending`.
struct StationSession {
    struct PendingCommand {
        let messageId: String
        let action: Action
        let sentAt: Int64
    }

    struct QueuedCommand {
        let messageId: String
        let action: Action
        let frame: [UInt8]
    }

    let id: String
    var dice: FaultDice
    var pending: PendingCommand?
    var queued: [QueuedCommand] = []

    init(id: String, seed: UInt64) {
        self.id = id
        dice = FaultDice(seed: seed, stationID: id)
    }
}
