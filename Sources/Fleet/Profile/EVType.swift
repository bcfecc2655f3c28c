/// An EV model as the station sees it: how much power it can take, on how many phases.
public struct EVType: Sendable, Equatable {
    /// The most power the EV draws, in kW.
    public var maxPowerKW: Double
    /// 1 or 3.
    public var phases: Int
}
