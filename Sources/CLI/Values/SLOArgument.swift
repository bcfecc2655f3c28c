import Metrics
import OCPP

/// An `--slo` expression, refused with its column when it does not read, and when it names an action
/// OCPP 1.6 does not have (`p99(Heartbeet)`), which could only fail after the whole run.
enum SLOArgument {
    static func argument(_ expression: String) throws(ValueError) -> SLO {
        let slo: SLO
        do {
            slo = try SLO(parsing: expression)
        } catch {
            throw ValueError(
                expected: "\(error.message) at column \(error.column)\n  \(expression)\n  "
                    + String(repeating: " ", count: max(0, error.column - 1)) + "^")
        }
        if let action = slo.action, Action(rawValue: action) == nil {
            let actions = Action.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            throw ValueError(
                expected: "an action of OCPP 1.6, and there is no action '\(action)'; the actions are * (all), \(actions)")
        }
        return slo
    }
}
