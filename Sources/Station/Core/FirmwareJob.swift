/// Where an UpdateFirmware stands.
enum FirmwareJob: Sendable, Equatable {
    case idle
    /// Waiting for its retrieveDate.
    case scheduled(location: String)
    case downloading(location: String)
    /// Installing; the catalog name of the model the station becomes.
    case installing(upgrade: String)
    /// Installed and rebooted: Installed is reported after the next accepted boot.
    case installed
}
