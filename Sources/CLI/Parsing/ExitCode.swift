/// The process exit codes of `ocpp-fleet`, part of its command-line contract.
public enum ExitCode: Int32, Sendable {
    /// The run completed and every SLO held.
    case ok = 0
    /// The run completed but at least one SLO failed.
    case sloFailed = 1
    /// Bad usage or a bad input file: nothing was started.
    case badInput = 2
    /// The CSMS could not be reached at all.
    case unreachable = 3
    /// `report compare` could not reach a verdict: a figure worsened on too few samples to say whether it
    /// regressed, or a run was interrupted.
    case inconclusive = 4
    /// `capacity`: the fleet, not the CSMS, was the limit (its loops were saturated): no CSMS capacity can
    /// be named; run the fleet over more processes or machines.
    case fleetSaturated = 5
    /// SIGINT (Ctrl-C) stopped the run before its end: the report is written, marked interrupted.
    case interrupted = 130
    /// SIGTERM stopped the run before its end: the report is written, marked interrupted.
    case terminated = 143
}
