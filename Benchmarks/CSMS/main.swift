// bench-csms: what the embedded CSMS core costs per station message (parse, decode, answer, encode),
// with 10,000 stations connected, to show it is small beside the fleet's own cost per round trip.
// `swift build -c release --product bench-csms && .build/release/bench-csms [runs]`; `bench-csms serve
// [rounds] [links]` runs the CSMS behind its WebSocket server over loopback instead (ServerBench.swift).
import CSMS
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
func medianRate(runs: Int, seconds: Double = 0.3, _ body: () -> Void) -> Double {
    var rates: [Double] = []
    for _ in 0..<runs {
        let start = cpuSeconds()
        var operations = 0
        var elapsed = 0.0
        repeat {
            for _ in 0..<200 { body() }
            operations += 200
            elapsed = cpuSeconds() - start
        } while elapsed < seconds
        rates.append(Double(operations) / elapsed)
    }
    return rates.sorted()[rates.count / 2]
}

func frame(_ request: StationRequest, id: String = "19223201") -> [UInt8] {
    var bytes: [UInt8] = []
    request.encodeCall(messageId: id, into: &bytes)
    return bytes
}

// MARK: The messages, as the Green'Up sends them (greenup-station.md)

let stamp = OCPPDateTime(millisecondsSinceEpoch: 1_555_683_943_083, utcOffsetMinutes: 120)
let messages: [(String, [UInt8])] = [
    ("Heartbeat", frame(.heartbeat(HeartbeatRequest()))),
    ("MeterValues (3 samples)", frame(.meterValues(MeterValuesRequest(
        connectorId: 1, transactionId: 42,
        meterValue: [MeterValue(timestamp: stamp, sampledValue: [
            SampledValue(value: "15.9", context: .sampleClock, format: .raw, measurand: .currentImport,
                         location: .outlet, unit: .a),
            SampledValue(value: "120", context: .sampleClock, format: .raw, measurand: .energyActiveImportInterval,
                         unit: .wh),
            SampledValue(value: "3657", context: .sampleClock, format: .raw, measurand: .powerActiveExport,
                         location: .outlet, unit: .w),
        ])])))),
    ("StatusNotification", frame(.statusNotification(StatusNotificationRequest(
        connectorId: 2, errorCode: .noError, info: "No failure", status: .suspendedEVSE, vendorId: "Legrand")))),
    ("Authorize", frame(.authorize(AuthorizeRequest(idTag: "BADGE-0001")))),
    ("StartTransaction", frame(.startTransaction(StartTransactionRequest(
        connectorId: 2, idTag: "BADGE-0001", meterStart: 0, reservationId: 0, timestamp: stamp)))),
    ("BootNotification", frame(.bootNotification(BootNotificationRequest(
        chargePointVendor: "Legrand", chargePointModel: "GreenUp Premium", chargePointSerialNumber: "GU0000001",
        firmwareVersion: "1.2.3")))),
]

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "serve" {
    let arguments = CommandLine.arguments.dropFirst(2).compactMap { Int($0) }
    let calls = ["Heartbeat", "StatusNotification", "MeterValues (3 samples)", "Authorize"].map { name in
        messages.first { $0.0 == name }!.1
    }
    try ServerBench.run(
        rounds: arguments.first ?? 200, links: arguments.dropFirst().first ?? 200, calls: calls,
        boot: messages.first { $0.0 == "BootNotification" }!.1)
    exit(0)
}

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5
let stationCount = 10_000
var effects: [CSMSEffect] = []
let now: Int64 = 1_700_000_000_000

// MARK: Memory of one core per station, as the simulator runs it

/// The resident set now, in bytes (`/proc/self/statm`, second field, in pages).
func residentBytes() -> Int {
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

let before = residentBytes()
var cores: [CentralSystem] = []
cores.reserveCapacity(stationCount)
let session = messages.filter { ["BootNotification", "Heartbeat", "StatusNotification"].contains($0.0) }.map(\.1)
for index in 0..<stationCount {
    var core = CentralSystem(
        configuration: CSMSConfiguration(badges: BadgeList([.valid("BADGE-0001")])), shard: index,
        shardCount: stationCount)
    let station = core.connect(stationID: "GU\(index)", now: now, into: &effects)
    for bytes in session { core.receive(bytes, from: station, now: now, into: &effects) }
    effects.removeAll(keepingCapacity: true)
    cores.append(core)
}
let perCore = (residentBytes() - before) / stationCount
print("One core per station (\(stationCount) cores, each with its station booted): \(perCore) bytes per core")
print("")

// MARK: Throughput of one core serving every station

var csms = CentralSystem(configuration: CSMSConfiguration(
    heartbeatInterval: 300, badges: BadgeList([.valid("BADGE-0001")])))
let stations = (0..<stationCount).map { csms.connect(stationID: "GU\($0)", now: now, into: &effects) }
effects.removeAll(keepingCapacity: true)

print("CSMS core, \(stationCount) stations connected, median of \(runs) runs (thread CPU time)")
print("(in place: the frame read where it lies and answered into a reused buffer, as the server does)")
print("| message                  |   answers/s | ns/answer | in place ns/answer |")
print("|--------------------------|-------------|-----------|--------------------|")
var answer: [UInt8] = []
for (name, bytes) in messages {
    var next = 0
    var answered = 0
    let rate = medianRate(runs: runs) {
        csms.receive(bytes, from: stations[next], now: now, into: &effects)
        answered &+= effects.count
        effects.removeAll(keepingCapacity: true)
        next = next == stationCount - 1 ? 0 : next + 1
    }
    precondition(answered > 0, "no answer to \(name)")
    answered = 0
    let inPlace = medianRate(runs: runs) {
        answer.removeAll(keepingCapacity: true)
        let due = bytes.withUnsafeBytes { text in
            csms.receive(text, from: stations[next], now: now, answeringInto: &answer, effects: &effects)
        }
        answered &+= due == nil ? 0 : 1
        effects.removeAll(keepingCapacity: true)
        next = next == stationCount - 1 ? 0 : next + 1
    }
    precondition(answered > 0, "no answer to \(name) in place")
    print("| \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) | \(String(format: "%11.0f", rate)) | \(String(format: "%9.0f", 1e9 / rate)) | \(String(format: "%18.0f", 1e9 / inPlace)) |")
}
