// Fuzz target `station`: a Green'Up station fed a script of events, among them arbitrary CSMS frames.
//
// The input is lines; the first byte of each says what happens next (anything else is skipped):
//   >TEXT   the CSMS sends TEXT, each `$id` in it replaced by the id of the station's latest CALL, so that
//           answers can match (`>[3,"$id",{"status":"Accepted","currentTime":"...","interval":60}]`)
//   t       the earliest timer the station armed fires, the clock jumping to it
//   x       the CSMS becomes unreachable (connection attempts fail), or reachable again
//   d       the link drops
//   pN uN   an EV is plugged into, unplugged from connector N (a digit)
//   bNTAG   a badge TAG (up to 20 characters) is presented at connector N
//   fNK FN  connector N reports the fault of index K (a digit), the fault clears
//   P       the power is cut and comes back
// The first byte of the input picks the model and the random seed. Events come as a runner delivers
// them (a connection opens only when asked for, frames only while connected, only armed timers fire).
// Beyond "no trap, no hang": every frame the station sends parses and meets the schema: each CALL
// decodes as a station request, each CALLRESULT as the response of the action it answers.
import OCPP
import Station

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    var script = StationScript(setup: data[0])
    for line in UnsafeBufferPointer(start: data + 1, count: size - 1).split(separator: UInt8(ascii: "\n")) {
        script.perform(Array(line))
    }
    return 0
}

struct StationScript {
    var station: Station
    var now: Int64 = 1_555_683_943_083
    /// Armed timers: when each is due, and the order they were armed in, which breaks ties.
    var timers: [StationTimer: (at: Int64, order: Int)] = [:]
    var armed = 0
    var connected = false
    var reachable = true
    var plugged: Set<Int> = []
    var latestCallId = ""
    let connectorCount: Int

    init(setup: UInt8) {
        let model = StationModel.catalog[Int(setup) % StationModel.catalog.count]
        connectorCount = model.connectorCount
        station = Station(
            model: model, identity: StationIdentity(chargeBoxId: "GU00001", serialNumber: "260988"),
            seed: UInt64(setup))
        handle(.powerOn)
    }

    mutating func perform(_ line: [UInt8]) {
        guard let op = line.first else { return }
        let argument = Array(line.dropFirst())
        let connector = argument.first.map { Int($0 &- UInt8(ascii: "0")) } ?? -1
        let isConnector = (1...connectorCount).contains(connector)
        switch op {
        case UInt8(ascii: ">"):
            guard connected else { return }
            handle(.frameReceived(substitutingId(argument)))
        case UInt8(ascii: "t"):
            guard let (timer, due) = timers.min(by: { ($0.value.at, $0.value.order) < ($1.value.at, $1.value.order) }) else {
                return
            }
            timers[timer] = nil
            now = max(now, due.at)
            handle(.timerFired(timer))
        case UInt8(ascii: "x"):
            reachable.toggle()
        case UInt8(ascii: "d"):
            guard connected else { return }
            connected = false
            handle(.disconnected)
        case UInt8(ascii: "p"):
            guard isConnector, !plugged.contains(connector) else { return }
            plugged.insert(connector)
            handle(.evPlugged(connectorId: connector, ev: .typical))
        case UInt8(ascii: "u"):
            guard isConnector, plugged.contains(connector) else { return }
            plugged.remove(connector)
            handle(.evUnplugged(connectorId: connector))
        case UInt8(ascii: "b"):
            guard isConnector else { return }
            let idTag = String(decoding: argument.dropFirst().prefix(20), as: UTF8.self)
            handle(.badgePresented(connectorId: connector, idTag: idTag))
        case UInt8(ascii: "f"):
            guard isConnector, argument.count >= 2 else { return }
            let codes = ChargePointErrorCode.allCases.filter { $0 != .noError }
            handle(.connectorFaulted(connectorId: connector, errorCode: codes[Int(argument[1]) % codes.count]))
        case UInt8(ascii: "F"):
            guard isConnector else { return }
            handle(.connectorFaultCleared(connectorId: connector))
        case UInt8(ascii: "P"):
            connected = false
            handle(.powerCycle)
        default:
            return
        }
    }

    private func substitutingId(_ text: [UInt8]) -> [UInt8] {
        let marker = Array("$id".utf8)
        var result: [UInt8] = []
        var index = 0
        while index < text.count {
            if text[index...].starts(with: marker) {
                result.append(contentsOf: latestCallId.utf8)
                index += marker.count
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }

    /// Hands the station one event and carries out its effects as a runner would, connections included.
    private mutating func handle(_ first: StationEvent) {
        var inbox = [first]
        while !inbox.isEmpty {
            var effects: [StationEffect] = []
            station.handle(inbox.removeFirst(), now: now, effects: &effects)
            for effect in effects {
                switch effect {
                case .send(let message):
                    check(message)
                    if message.kind == .call { latestCallId = message.messageId }
                case .armTimer(let timer, let at):
                    armed += 1
                    timers[timer] = (at, armed)
                case .cancelTimer(let timer):
                    timers[timer] = nil
                case .closeConnection:
                    connected = false
                case .connect:
                    connected = reachable
                    inbox.append(reachable ? .connected : .disconnected)
                case .callCompleted, .lateAnswer, .count:
                    break
                }
            }
        }
    }

    private func check(_ message: OutgoingMessage) {
        guard connected else { fail("sent while not connected", message.bytes) }
        let frame = reparse(message.bytes)
        guard frame.messageId == message.messageId else { fail("not the message id announced", message.bytes) }
        switch (message.kind, frame) {
        case (.call, .call(let call)):
            guard call.action == message.action else { fail("not the action announced", message.bytes) }
            do {
                _ = try StationRequest(call)
            } catch {
                fail("a CALL off the schema (\(error))", message.bytes)
            }
        case (.callResult, .callResult(let result)):
            guard let action = message.action else { fail("a CALLRESULT with no action", message.bytes) }
            guard requestTypes[action]!.acceptsResponse(result) else {
                fail("a CALLRESULT off the \(action.rawValue) schema", message.bytes)
            }
        case (.callError, .callError):
            break
        default:
            fail("not the kind of frame announced", message.bytes)
        }
    }
}
