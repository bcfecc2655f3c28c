/// The answer to a DataTransfer request.
///
/// The raw value is the string of the spec.
public enum DataTransferStatus: String, Sendable, CaseIterable, JSONEnum {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case unknownMessageId = "UnknownMessageId"
    case unknownVendorId = "UnknownVendorId"

    static let names = JSONNameTable<Self>()
}
