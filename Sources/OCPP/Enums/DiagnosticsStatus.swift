/// The state of a diagnostics upload.
///
/// The raw value is the string of the spec.
public enum DiagnosticsStatus: String, Sendable, CaseIterable {
    case idle = "Idle"
    case uploaded = "Uploaded"
    case uploadFailed = "UploadFailed"
    case uploading = "Uploading"
}

extension DiagnosticsStatus: JSONEnum {
    static let names = JSONNameTable<DiagnosticsStatus>()
}
