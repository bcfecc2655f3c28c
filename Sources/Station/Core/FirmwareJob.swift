/// Where an UpdateFirmware stands.
enum FirmwareJob: Sendable, Equatable {
    case idle
    /// Waiting for its retrieveDate (`at`, on the station's clock).
    case scheduled(location: String, at: Int64)
    case downloading(location: String)
    /// Installing; the catalog name of the model the station becomes.
    case installing(upgrade: String)
    /// Installed and rebooted: Installed is reported after the next accepted boot.
    case installed
}
