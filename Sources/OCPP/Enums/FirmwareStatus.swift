/// The state of a firmware update.
///
/// The raw value is the string of the spec.
public enum FirmwareStatus: String, Sendable, CaseIterable {
    case downloaded = "Downloaded"
    case downloadFailed = "DownloadFailed"
    case downloading = "Downloading"
    case idle = "Idle"
    case installationFailed = "InstallationFailed"
    case installing = "Installing"
    case installed = "Installed"
}

extension FirmwareStatus: JSONEnum {
    static let names = JSONNameTable<FirmwareStatus>()
}
