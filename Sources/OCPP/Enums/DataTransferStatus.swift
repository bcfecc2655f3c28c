/// The answer to a DataTransfer request.
///
/// The raw value is the string of the spec.
public enum DataTransferStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted"
    case rejected = "Rejected"
    case unknownMessageId = "UnknownMessageId"
    case unknownVendorId = "UnknownVendorId"
}

extension DataTransferStatus: JSONEnum {
    static let names = JSONNameTable<DataTransferStatus>()
}
