/// Where a sampled value is measured.
///
/// The raw value is the string of the spec.
public enum Location: String, Sendable, CaseIterable, JSONEnum {
    case cable = "Cable"
    case ev = "EV"
    case inlet = "Inlet"
    case outlet = "Outlet"
    case body = "Body"

    static let names = JSONNameTable<Self>()
}
