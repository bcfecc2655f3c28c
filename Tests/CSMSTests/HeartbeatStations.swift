import Net
import OCPP
import Synchronization
import WebSocket

/// Each station boots, then sends `heartbeats` heartbeats one after the other, then closes. It accepts
/// every command.
final class HeartbeatStations: WebSocketHandler, @unchecked Sendable {
    // @unchecked Sendable: `remaining` is confined to the client's one loop; `outcomes` is a Mutex.
    let heartbeats: Int
    private var remaining: [Int: Int] = [:]
    let outcomes = Mutex<(finished: Int, answers: Int, closedByServer: Int, failures: [String])>((0, 0, 0, []))

    init(heartbeats: Int) { self.heartbeats = heartbeats }

    func webSocketOpened(_ channel: WebSocketChannel) {
        remaining[channel.tag] = heartbeats
        channel.send(text: #"[2,"boot","BootNotification",{"chargePointVendor":"Legrand","chargePointModel":"GreenUp"}]"#)
    }

    func webSocket(_ channel: WebSocketChannel, received text: UnsafeRawBufferPointer) {
        let frame = try? OCPPFrame(parsing: [UInt8](text))
        if case .call(let call) = frame {
            channel.send(text: "[3,\"\(call.messageId)\",{\"status\":\"Accepted\"}]")
            return
        }
        guard case .callResult = frame else {
            outcomes.withLock { $0.failures.append(String(decoding: text, as: UTF8.self)) }
            return
        }
        outcomes.withLock { $0.answers += 1 }
        let left = remaining[channel.tag, default: 0]
        guard left > 0 else {
            channel.close()
            return
        }
        remaining[channel.tag] = left - 1
        channel.send(text: "[2,\"hb\(left)\",\"Heartbeat\",{}]")
    }

    func webSocketClosed(_ channel: WebSocketChannel, reason: WebSocketCloseReason) {
        outcomes.withLock { outcome in
            if case .closed(let code, _) = reason, code == WebSocketCloseCode.policyViolation.rawValue {
                outcome.closedByServer += 1
            } else if remaining[channel.tag] != 0 {
                outcome.failures.append("\(channel.stationID): \(reason)")
            }
            outcome.finished += 1
        }
    }
}
