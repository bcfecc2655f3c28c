/// The state of a diagnostics upload.
///
/// The raw value is the string of the spec.
public enum DiagnosticsStatus: String, Sendable, CaseIterable, JSONEnum {
    case idle = "Idle"
    case uploaded = "Uploaded"
    case uploadFailed = "UploadFailed"
    case uploading = "Uploading"

    static let names = JSONNameTable<Self>()
}
