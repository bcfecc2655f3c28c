// bench-ocpp: encode + decode rates of the hot OCPP messages, ours against Foundation's
// JSONEncoder/JSONDecoder in the same run. `swift run -c release bench-ocpp [runs]`; `bench-ocpp decode N`
// (or `encode N`) decodes (encodes) N rounds of the same frames with no clock, for callgrind; `receive N`
// counts what a station's receiving costs (StationReceive.swift).
import Foundation
import OCPP

/// This thread's CPU time: the machines are shared, so wall time would count other people's work.
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// Runs `body` in batches until `seconds` of CPU time have passed, `runs` times; returns the median
/// rate per CPU second.
func medianRate(runs: Int, seconds: Double = 0.3, _ body: () -> Int) -> Double {
    var rates: [Double] = []
    var sink = 0
    for _ in 0..<runs {
        let start = cpuSeconds()
        var operations = 0
        var elapsed = 0.0
        repeat {
            for _ in 0..<200 { sink &+= body() }
            operations += 200
            elapsed = cpuSeconds() - start
        } while elapsed < seconds
        rates.append(Double(operations) / elapsed)
    }
    if sink == 42 { print("") }  // keeps the work observable
    return rates.sorted()[rates.count / 2]
}

// MARK: The messages, as the Green'Up sends them (greenup-station.md)

let stamp = OCPPDateTime(millisecondsSinceEpoch: 1_555_683_943_083, utcOffsetMinutes: 120)
let meterValues = MeterValuesRequest(
    connectorId: 1, transactionId: 42,
    meterValue: [MeterValue(timestamp: stamp, sampledValue: [
        SampledValue(value: "15.9", context: .sampleClock, format: .raw, measurand: .currentImport,
                     location: .outlet, unit: .a),
        SampledValue(value: "120", context: .sampleClock, format: .raw, measurand: .energyActiveImportInterval,
                     unit: .wh),
        SampledValue(value: "3657", context: .sampleClock, format: .raw, measurand: .powerActiveExport,
                     location: .outlet, unit: .w),
    ])])
let statusNotification = StatusNotificationRequest(
    connectorId: 2, errorCode: .noError, info: "No failure", status: .suspendedEVSE, vendorId: "Legrand")
let startTransaction = StartTransactionRequest(
    connectorId: 2, idTag: "BADGE-0001", meterStart: 0, reservationId: 0, timestamp: stamp)
let stopTransaction = StopTransactionRequest(
    idTag: "BADGE-0001", meterStop: 16, timestamp: stamp, transactionId: 42, reason: .local,
    transactionData: [MeterValue(timestamp: stamp, sampledValue: [
        SampledValue(value: "16", context: .interruptionEnd, format: .raw, measurand: .energyActiveImportInterval,
                     unit: .wh)
    ])])

// MARK: Decoding alone, counted rather than timed

/// `bench-ocpp decode N`: parses and decodes each hot frame N times, with no clock, so that callgrind can
/// count its instructions (run it for two values of N: the difference is N rounds, without the start-up).
func decodeRounds(_ rounds: Int) {
    func encoded<Request: OCPPRequest>(_ request: Request) -> [UInt8] {
        var bytes: [UInt8] = []
        OCPPFrame.encodeCall(messageId: "1234567", request, into: &bytes)
        return bytes
    }
    var heartbeatAnswer: [UInt8] = []
    OCPPFrame.encodeCallResult(messageId: "1234567", HeartbeatResponse(currentTime: stamp), into: &heartbeatAnswer)
    let meterFrame = encoded(meterValues)
    let statusFrame = encoded(statusNotification)
    let startFrame = encoded(startTransaction)
    let stopFrame = encoded(stopTransaction)
    func call<Request: OCPPRequest>(_ bytes: [UInt8], as type: Request.Type) -> Request {
        guard case .call(let call) = try? OCPPFrame(parsing: bytes), let request = try? Request(decoding: call.payload)
        else { fatalError("decode failed") }
        return request
    }
    var sink = 0
    for _ in 0..<rounds {
        sink &+= call(meterFrame, as: MeterValuesRequest.self).connectorId
        sink &+= call(statusFrame, as: StatusNotificationRequest.self).connectorId
        sink &+= call(startFrame, as: StartTransactionRequest.self).meterStart
        sink &+= call(stopFrame, as: StopTransactionRequest.self).meterStop
        guard case .callResult(let result) = try? OCPPFrame(parsing: heartbeatAnswer),
            let response = try? result.decode(responseTo: HeartbeatRequest.self)
        else { fatalError("heartbeat answer failed") }
        sink &+= Int(response.currentTime.millisecondsSinceEpoch & 1)
    }
    print("decoded \(rounds) rounds of 5 frames (\(sink))")
}

/// `bench-ocpp encode N`: encodes the same frames N times, for callgrind as `decode` is.
func encodeRounds(_ rounds: Int) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(1024)
    let encoders: [(inout [UInt8]) -> Void] = [
        { OCPPFrame.encodeCall(messageId: "1234567", meterValues, into: &$0) },
        { OCPPFrame.encodeCall(messageId: "1234567", statusNotification, into: &$0) },
        { OCPPFrame.encodeCall(messageId: "1234567", startTransaction, into: &$0) },
        { OCPPFrame.encodeCall(messageId: "1234567", stopTransaction, into: &$0) },
        { OCPPFrame.encodeCallResult(messageId: "1234567", HeartbeatResponse(currentTime: stamp), into: &$0) },
    ]
    var sink = 0
    for _ in 0..<rounds {
        for encode in encoders {
            bytes.removeAll(keepingCapacity: true)
            encode(&bytes)
            sink &+= bytes.count
        }
    }
    print("encoded \(rounds) rounds of 5 frames (\(sink))")
}

if CommandLine.arguments.count > 2, let rounds = Int(CommandLine.arguments[2]) {
    switch CommandLine.arguments[1] {
    case "decode": decodeRounds(rounds)
    case "encode": encodeRounds(rounds)
    case "receive": receiveRounds(rounds, inPlace: true)
    case "receive-array": receiveRounds(rounds, inPlace: false)
    default: fatalError("bench-ocpp [runs] | decode N | encode N | receive N | receive-array N")
    }
    exit(0)
}

// MARK: Ours

var buffer: [UInt8] = []
buffer.reserveCapacity(1024)

/// Encodes a CALL into the reused buffer, parses it back and decodes the typed request.
@MainActor func ourCall<Request: OCPPRequest>(_ request: Request) -> Int {
    buffer.removeAll(keepingCapacity: true)
    OCPPFrame.encodeCall(messageId: "1234567", request, into: &buffer)
    guard case .call(let call) = try? OCPPFrame(parsing: buffer),
        let decoded = try? Request(decoding: call.payload), decoded == request
    else { fatalError("round trip failed") }
    return buffer.count
}

@MainActor func ourHeartbeatRoundTrip() -> Int {
    buffer.removeAll(keepingCapacity: true)
    OCPPFrame.encodeCall(messageId: "1234567", HeartbeatRequest(), into: &buffer)
    guard case .call(let call) = try? OCPPFrame(parsing: buffer),
        (try? StationRequest(call)) == .heartbeat(HeartbeatRequest())
    else { fatalError("heartbeat failed") }
    buffer.removeAll(keepingCapacity: true)
    OCPPFrame.encodeCallResult(messageId: call.messageId, HeartbeatResponse(currentTime: stamp), into: &buffer)
    guard case .callResult(let result) = try? OCPPFrame(parsing: buffer),
        let response = try? result.decode(responseTo: HeartbeatRequest.self), response.currentTime == stamp
    else { fatalError("heartbeat answer failed") }
    return buffer.count
}

// MARK: Foundation's Codable, the same frames

struct CodableSampledValue: Codable, Equatable {
    var value: String
    var context: String?
    var format: String?
    var measurand: String?
    var phase: String?
    var location: String?
    var unit: String?
}

struct CodableMeterValue: Codable, Equatable {
    var timestamp: String
    var sampledValue: [CodableSampledValue]
}

struct CodableMeterValues: Codable, Equatable {
    var connectorId: Int
    var transactionId: Int?
    var meterValue: [CodableMeterValue]
}

struct CodableEmpty: Codable, Equatable {}

struct CodableHeartbeatResponse: Codable, Equatable {
    var currentTime: String
}

/// `[2, id, action, payload]` through Codable's unkeyed containers.
struct CodableCall<Payload: Codable>: Codable {
    var messageId: String
    var action: String
    var payload: Payload

    init(messageId: String, action: String, payload: Payload) {
        self.messageId = messageId
        self.action = action
        self.payload = payload
    }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard try container.decode(Int.self) == 2 else { throw CocoaError(.coderReadCorrupt) }
        messageId = try container.decode(String.self)
        action = try container.decode(String.self)
        payload = try container.decode(Payload.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(2)
        try container.encode(messageId)
        try container.encode(action)
        try container.encode(payload)
    }
}

/// `[3, id, payload]`.
struct CodableCallResult<Payload: Codable>: Codable {
    var messageId: String
    var payload: Payload

    init(messageId: String, payload: Payload) {
        self.messageId = messageId
        self.payload = payload
    }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard try container.decode(Int.self) == 3 else { throw CocoaError(.coderReadCorrupt) }
        messageId = try container.decode(String.self)
        payload = try container.decode(Payload.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(3)
        try container.encode(messageId)
        try container.encode(payload)
    }
}

let encoder = JSONEncoder()
let decoder = JSONDecoder()
let stampText = stamp.description
let codableMeterValues = CodableMeterValues(
    connectorId: 1, transactionId: 42,
    meterValue: [CodableMeterValue(timestamp: stampText, sampledValue: [
        CodableSampledValue(value: "15.9", context: "Sample.Clock", format: "Raw", measurand: "Current.Import",
                            location: "Outlet", unit: "A"),
        CodableSampledValue(value: "120", context: "Sample.Clock", format: "Raw",
                            measurand: "Energy.Active.Import.Interval", unit: "Wh"),
        CodableSampledValue(value: "3657", context: "Sample.Clock", format: "Raw", measurand: "Power.Active.Export",
                            location: "Outlet", unit: "W"),
    ])])

@MainActor func foundationMeterValues() -> Int {
    // Date-times stay strings here: the baseline does less work than ours, which parses them.
    let data = try! encoder.encode(CodableCall(messageId: "1234567", action: "MeterValues", payload: codableMeterValues))
    let call = try! decoder.decode(CodableCall<CodableMeterValues>.self, from: data)
    guard call.payload == codableMeterValues else { fatalError("Codable round trip failed") }
    return data.count
}

@MainActor func foundationHeartbeatRoundTrip() -> Int {
    let data = try! encoder.encode(CodableCall(messageId: "1234567", action: "Heartbeat", payload: CodableEmpty()))
    let call = try! decoder.decode(CodableCall<CodableEmpty>.self, from: data)
    let answer = try! encoder.encode(
        CodableCallResult(messageId: call.messageId, payload: CodableHeartbeatResponse(currentTime: stampText)))
    let result = try! decoder.decode(CodableCallResult<CodableHeartbeatResponse>.self, from: answer)
    guard result.payload.currentTime == stampText else { fatalError("Codable heartbeat failed") }
    return data.count + answer.count
}

// MARK: The table

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 7 : 7
print("bench-ocpp: encode + parse + decode, per second of CPU time, median of \(runs) runs of 0.3 s")
print("")
func row(_ name: String, _ ours: Double, _ foundation: Double?) {
    let oursText = String(format: "%12.0f", ours)
    let nanoseconds = String(format: "%8.0f", 1e9 / ours)
    if let foundation {
        print("| \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) | \(oursText) | \(nanoseconds) | "
            + String(format: "%12.0f | %7.1f× |", foundation, ours / foundation))
    } else {
        print("| \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) | \(oursText) | \(nanoseconds) | "
            + "           – |        – |")
    }
}
print("| message                            |    ours op/s | ns/op    | Foundation op/s | ratio   |")
print("|------------------------------------|--------------|----------|--------------|----------|")
row("MeterValues (Green'Up, 3 samples)", medianRate(runs: runs) { ourCall(meterValues) },
    medianRate(runs: runs, foundationMeterValues))
row("Heartbeat round trip (CALL+RESULT)", medianRate(runs: runs, ourHeartbeatRoundTrip),
    medianRate(runs: runs, foundationHeartbeatRoundTrip))
row("StatusNotification", medianRate(runs: runs) { ourCall(statusNotification) }, nil)
row("StartTransaction", medianRate(runs: runs) { ourCall(startTransaction) }, nil)
row("StopTransaction (1 sample)", medianRate(runs: runs) { ourCall(stopTransaction) }, nil)
