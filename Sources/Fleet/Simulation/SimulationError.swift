/// Why a simulation could not run.
public struct SimulationError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case trace(path: String, reason: String)
        case noStations
        case tooManyStations(limit: Int)
    }

    private let code: Code

    /// The trace file could not be written.
    static func trace(path: String, reason: String) -> SimulationError {
        SimulationError(code: .trace(path: path, reason: reason))
    }

    /// The fleet (or the shard) has no station.
    static let noStations = SimulationError(code: .noStations)

    /// The fleet has more stations than a run can tell apart.
    static func tooManyStations(limit: Int) -> SimulationError {
        SimulationError(code: .tooManyStations(limit: limit))
    }

    /// What went wrong, for a person.
    public var description: String {
        switch code {
        case .trace(let path, let reason): "cannot write the trace to \(path): \(reason)"
        case .noStations: "the fleet has no station to simulate (check --stations and --shard)"
        case .tooManyStations(let limit): "a fleet has at most \(limit) stations"
        }
    }
}
