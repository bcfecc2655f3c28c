/// The Green'Up firmware a station runs, named by its version as profiles write it.
///
/// Each variant stands for a model of the Station layer's catalog, which holds what differs between them
/// (measurands, units, limits).
public enum FirmwareVariant: String, Sendable, Equatable, CaseIterable {
    /// The firmware of the vendor's guide (BootNotification `V01.01.65/V01.01.08`).
    case v01_01_65 = "V01.01.65"
    /// The newer firmware the guide asks for (V01.17.00 or later), with the quirks reported from the field.
    case v01_17_00 = "V01.17.00"
}
