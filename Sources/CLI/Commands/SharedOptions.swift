import Basics
import Fleet
import Metrics

/// Options that several commands take beyond ``FleetOptions``, declared once; a command whose use of one
/// differs says so with ``Option/with(help:default:)``, keeping its name and conversion.
enum SharedOptions {
    static let stations = Option(
        "--stations", "N", help: "Number of stations", default: .described("the profile's, else 1000"),
        as: Count.positive)
    static let duration = Option(
        "--duration", "D", help: "Wall-clock length of the run: 90s, 10m, 2h", default: .text("60s"),
        as: Duration.argument)
    static let processes = Option(
        "--processes", "N", help: "Spread the stations over N worker processes, with one report all the same",
        default: .described("as many as the open-file limit needs"), as: Count.positive)
    static let ramp = Option("--ramp", "N/s", help: "New connections per second", as: Rate.argument)
    static let report = Option(
        "--report", "DIR", help: "Write report.json, report.html, timeline.csv and junit.xml there",
        as: { text throws(ValueError) in text })
    static let slo = Option(
        "--slo", "EXPR", help: "A service-level objective, e.g. 'p99(StartTransaction) < 800ms'", repeatable: true,
        as: SLOArgument.argument)
    static let shard = Option(
        "--shard", "I/N", help: "Run only the I-th of N equal parts of the fleet", default: .text("1/1"),
        as: FleetShard.argument)
    static let trace = Option(
        "--trace", "FILE", help: "Write every OCPP frame as JSON lines", as: { text throws(ValueError) in text })
    static let quiet = Flag("--quiet", help: "No progress line")
    static let json = Flag("--json", help: "Print the summary as JSON on stdout")
}
