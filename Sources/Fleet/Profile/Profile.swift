/// A fleet profile: which stations, how EVs come and go, how links recover, and what happens when.
///
/// Profiles are JSON files (see `Profiles/profile.schema.json`). Read one with ``load(file:)``, which
/// refuses a bad profile with every ``ProfileDiagnostic`` at once, or ``check(file:)`` for the list alone.
///
/// ```swift
/// let profile = try Profile.load(file: "Profiles/default.json")
/// print(profile.summary)   // "default: Homes and workplaces on a Monday from 18:00: …"
/// ```
public struct Profile: Sendable, Equatable {
    /// A short name, used in reports.
    public var name: String
    /// One line saying what the profile is for.
    public var description: String
    /// Where the fleet's timeline starts, in milliseconds since the Unix epoch.
    public var start: Int64
    /// The offset of local time from UTC at the start, in seconds: hours of day are local hours.
    public var utcOffsetSeconds: Int
    /// The stations: identifiers, models and firmware.
    public var stations: StationComposition
    /// The kinds of site the stations stand at (homes, workplaces...), each with its own EV habits.
    public var sites: [SiteProfile]
    /// How a station reconnects after its link dropped.
    public var reconnection: ReconnectionStrategy
    /// How the embedded central system behaves.
    public var csms: CSMSSettings
    /// What happens at given times: links dropped, power cycles, firmware rollouts, caps, CSMS restarts.
    public var events: [TimedEvent]

    /// The profile's name and description, on one line: what the README lists.
    public var summary: String { "\(name): \(description)" }
}
