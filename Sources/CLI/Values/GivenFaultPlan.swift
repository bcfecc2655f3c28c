import CSMS

/// The `--fault` of `csms`: the plan, and the text as given, which the sibling processes are passed.
struct GivenFaultPlan: Sendable {
    let plan: FaultPlan
    let text: String

    static func argument(_ text: String) throws(ValueError) -> GivenFaultPlan {
        do {
            return GivenFaultPlan(plan: try FaultPlan(parsing: text), text: text)
        } catch {
            throw ValueError(expected: "\(error)")
        }
    }
}
