/// Everything that is the same for all stations of one model and firmware: identity, sockets, sampled
/// values, the configuration table with its defaults, and how long slow operations take.
///
/// A model is a reference shared by every station built on it: a station stores only what differs
/// (its configuration overrides, its state). Models live in one data file, ``StationModel/catalog``.
public final class StationModel: Sendable {
    /// How long the station's slow operations take, in milliseconds.
    public struct Timings: Sendable {
        /// From power on (or the end of a reboot) to the first connection attempt.
        public let boot: Int64
        /// From a Reset answered to the reboot, time for the StopTransactions to go out.
        public let resetGrace: Int64
        public let diagnosticsUpload: Int64
        public let firmwareDownload: Int64
        public let firmwareInstall: Int64
    }

    /// The model's name in profiles and in the catalog, e.g. `greenup-1ve`.
    public let name: String
    public let vendor: String
    public let model: String
    public let firmwareVersion: String
    public let meterType: String
    /// Sockets by connectorId - 1 (connectorId 0 is the whole station).
    public let connectors: [ConnectorSpec]
    /// Every sampled value the firmware can send; measurand configuration keys pick among them.
    public let measurands: [SampledValueSpec]
    /// The configuration table, one rule per ``ConfigurationKey`` in its order.
    public let rules: [ConfigurationRule]
    /// The defaults of ``rules``, typed.
    let defaults: [ConfigurationValue]
    /// The local time offset the firmware writes into its timestamps (`+02:00` in the guide).
    public let utcOffsetMinutes: Int
    /// Whether a reconnection (not only a reboot) starts with a new BootNotification.
    public let bootsOnReconnect: Bool
    public let timings: Timings
    /// The catalog name of the model a successful UpdateFirmware turns the station into.
    public let firmwareUpgrade: String?
    /// Whether the station sets its clock from BootNotification's `currentTime`.
    public let adoptsCSMSTime: Bool
    /// The longest charging schedule the station takes, in seconds: a SetChargingProfile (or a
    /// RemoteStartTransaction's profile) whose duration or a period's start lies further is Rejected, and
    /// so is a GetCompositeSchedule over a longer window.
    public let maxScheduleSeconds: Int

    public init(
        name: String, vendor: String, model: String, firmwareVersion: String, meterType: String,
        connectors: [ConnectorSpec], measurands: [SampledValueSpec], rules: [ConfigurationRule],
        utcOffsetMinutes: Int, bootsOnReconnect: Bool, timings: Timings, firmwareUpgrade: String?,
        adoptsCSMSTime: Bool = true, maxScheduleSeconds: Int = 366 * 86_400
    ) {
        self.name = name
        self.vendor = vendor
        self.model = model
        self.firmwareVersion = firmwareVersion
        self.meterType = meterType
        self.connectors = connectors
        self.measurands = measurands
        self.utcOffsetMinutes = utcOffsetMinutes
        self.bootsOnReconnect = bootsOnReconnect
        self.timings = timings
        self.firmwareUpgrade = firmwareUpgrade
        self.adoptsCSMSTime = adoptsCSMSTime
        self.maxScheduleSeconds = maxScheduleSeconds
        var ordered = rules
        ordered.sort { $0.key.index < $1.key.index }
        precondition(
            ordered.map(\.key) == ConfigurationKey.allCases,
            "model \(name): the configuration table must have exactly one rule per key")
        self.rules = ordered
        self.defaults = ordered.map { rule in
            guard let value = ConfigurationStore.parse(rule.defaultText, as: rule.kind, measurands: measurands) else {
                preconditionFailure("model \(name): default of \(rule.key.rawValue) does not parse: \(rule.defaultText)")
            }
            return value
        }
    }

    /// The number of connectors, not counting connectorId 0.
    public var connectorCount: Int { connectors.count }

    /// A model of the catalog by name, or nil.
    public static func named(_ name: String) -> StationModel? {
        catalog.first { $0.name == name }
    }
}
