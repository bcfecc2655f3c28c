// bench-simulate: the scheduler alone, then a day of a fleet in virtual time.
//
//   swift run -c release bench-simulate [--profile Profiles/default.json] [--stations 1000] [--hours 24]
//                                       [--runs 3] [--threads N] [--json-frames] [--trace FILE]
//
// Prints a table of medians over the runs: wall time, CPU time, scheduler events per second.
import Fleet
import Foundation
import Metrics

struct Options {
    var profile = "Profiles/default.json"
    var stations = 1_000
    var hours = 24.0
    var runs = 3
    var threads: Int?
    /// Frames between the stations and their CSMS as JSON, as over a socket, rather than typed.
    var jsonFrames = false
    /// Where each run writes its trace (`simulate --trace`), if anywhere.
    var trace: String?

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let name = rest.popFirst() {
            if name == "--json-frames" {
                jsonFrames = true
                continue
            }
            guard let value = rest.popFirst() else { fatalError("\(name) needs a value") }
            switch name {
            case "--profile": profile = value
            case "--stations": stations = Int(value) ?? stations
            case "--hours": hours = Double(value) ?? hours
            case "--runs": runs = max(1, Int(value) ?? runs)
            case "--threads": threads = Int(value)
            case "--trace": trace = value
            default: fatalError("unknown option \(name)")
            }
        }
    }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func row(_ name: String, _ value: String) {
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + value)
}

/// The scheduler alone: a queue holding `pending` events, each pop followed by a push, as timers re-arm.
func schedulerEventsPerSecond(pending: Int, events: Int) -> Double {
    var queue = EventQueue<UInt64>(capacity: pending)
    var stream = RandomStream(seed: 1, station: 0, purpose: .plan)
    for index in 0..<pending {
        queue.push(UInt64(index), at: Int64(stream.next() % 60_000))
    }
    let start = Date()
    var checksum: UInt64 = 0
    for _ in 0..<events {
        let event = queue.pop()!
        checksum &+= event.payload
        queue.push(event.payload, at: event.time + 1 + Int64(stream.next() % 60_000))
    }
    let seconds = Date().timeIntervalSince(start)
    precondition(checksum != 0)
    return Double(events) / seconds
}

let options = Options(CommandLine.arguments)
let profile = try Profile.load(file: options.profile)
let fleet = try Fleet(profile: profile, stations: options.stations, seed: 1)
let plan = fleet.plan(duration: .seconds(options.hours * 3600))

var queueRates: [Double] = []
var walls: [Double] = []
var cpus: [Double] = []
var events = 0
var calls: UInt64 = 0
for _ in 0..<options.runs {
    queueRates.append(schedulerEventsPerSecond(pending: 5_000, events: 5_000_000))
    let cpuBefore = cpuSeconds()
    let start = Date()
    let simulation = try Simulation(
        plan: plan, tracePath: options.trace, threads: options.threads, typedFrames: !options.jsonFrames)
    try simulation.run()
    walls.append(Date().timeIntervalSince(start))
    cpus.append(cpuSeconds() - cpuBefore)
    events = simulation.eventsFired
    calls = simulation.report(profileName: options.profile).allActions.sent
}

print("bench-simulate: \(options.profile), \(options.stations) stations, \(options.hours) h simulated, "
    + "\(options.jsonFrames ? "JSON" : "typed") frames\(options.trace == nil ? "" : ", traced"), median of \(options.runs) runs")
row("scheduler alone (5,000 pending), events/s", String(format: "%.2f M", median(queueRates) / 1e6))
row("simulation wall time", String(format: "%.2f s", median(walls)))
row("simulation CPU time (all threads)", String(format: "%.2f s", median(cpus)))
row("scheduler events fired", "\(events)")
row("scheduler events/s (wall)", String(format: "%.2f M", Double(events) / median(walls) / 1e6))
row("OCPP calls sent by stations", "\(calls)")
row("calls/s (wall)", String(format: "%.0f k", Double(calls) / median(walls) / 1e3))
