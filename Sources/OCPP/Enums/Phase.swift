/// The phase or phases a sampled value is measured on.
///
/// The raw value is the string of the spec.
public enum Phase: String, Sendable, CaseIterable, JSONEnum {
    case l1 = "L1"
    case l2 = "L2"
    case l3 = "L3"
    case n = "N"
    case l1N = "L1-N"
    case l2N = "L2-N"
    case l3N = "L3-N"
    case l1L2 = "L1-L2"
    case l2L3 = "L2-L3"
    case l3L1 = "L3-L1"

    static let names = JSONNameTable<Self>()
}
