/// The state of a firmware update.
///
/// The raw value is the string of the spec.
public enum FirmwareStatus: String, Sendable, CaseIterable, JSONEnum {
    case downloaded = "Downloaded"
    case downloadFailed = "DownloadFailed"
    case downloading = "Downloading"
    case idle = "Idle"
    case installationFailed = "InstallationFailed"
    case installing = "Installing"
    case installed = "Installed"

    static let names = JSONNameTable<Self>()
}
