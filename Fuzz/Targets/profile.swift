// Fuzz target `profile`: arbitrary bytes as a profile file (`ocpp-fleet profile check`, `--profile`).
//
// The bytes go to the profile reader; a profile it accepts is then planned: the first stations of a
// fleet for an hour, as `run` and `simulate` would. Beyond "no trap, no hang": a refused profile is refused
// with at least one diagnostic, each naming the file.
import Fleet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ProfileCheck.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

enum ProfileCheck {
    static func check(_ bytes: [UInt8]) {
        let profile: Profile
        do {
            profile = try Profile.parse(bytes, file: "fuzz.json")
        } catch {
            guard !error.diagnostics.isEmpty else { fatalError("a profile refused with no diagnostic") }
            for diagnostic in error.diagnostics where diagnostic.file != "fuzz.json" {
                fatalError("a diagnostic names another file: \(diagnostic)")
            }
            return
        }
        let plan = FleetPlan(profile: profile, fleetSize: 3, seed: 42, duration: 3_600_000)
        for index in plan.stations {
            _ = plan.station(index)
        }
    }
}
