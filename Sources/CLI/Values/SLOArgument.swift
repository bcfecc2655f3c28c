import Metrics
import OCPP

/// Reads every `--slo` of a command line, refusing the first bad one with its column, and one that names
/// an action OCPP 1.6 does not have (`p99(Heartbeet)`), which could only fail after the whole run.
enum SLOArgument {
    static func all(_ arguments: ParsedArguments, command: String) throws(UsageError) -> [SLO] {
        var slos: [SLO] = []
        for expression in arguments.all("--slo") {
            let slo: SLO
            do {
                slo = try SLO(parsing: expression)
            } catch {
                throw UsageError("invalid --slo: \(error)", command: command)
            }
            if let action = slo.action, Action(rawValue: action) == nil {
                let actions = Action.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                throw UsageError(
                    "invalid --slo '\(expression)': there is no action '\(action)'; the actions are * (all), \(actions)",
                    command: command)
            }
            slos.append(slo)
        }
        return slos
    }
}
