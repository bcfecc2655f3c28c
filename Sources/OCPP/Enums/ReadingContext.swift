/// Why a sampled value was taken.
///
/// The raw value is the string of the spec.
public enum ReadingContext: String, Sendable, CaseIterable, JSONEnum {
    case interruptionBegin = "Interruption.Begin"
    case interruptionEnd = "Interruption.End"
    case sampleClock = "Sample.Clock"
    case samplePeriodic = "Sample.Periodic"
    case transactionBegin = "Transaction.Begin"
    case transactionEnd = "Transaction.End"
    case trigger = "Trigger"
    case other = "Other"

    static let names = JSONNameTable<Self>()
}
