/// The EV a driver plugs in: how much power it can take and how much energy it wants.
public struct EVCharacteristics: Equatable, Sendable {
    /// The most the EV's charger accepts, in watts.
    public var maxPowerW: Double
    /// 1 or 3.
    public var phases: Int
    /// The energy the battery takes before the EV stops drawing (SuspendedEV).
    public var energyWantedWh: Double

    public init(maxPowerW: Double, phases: Int, energyWantedWh: Double) {
        self.maxPowerW = maxPowerW
        self.phases = phases
        self.energyWantedWh = energyWantedWh
    }

    /// The EV a remote start assumes when none is plugged in: a common 7.4 kW single-phase car.
    public static let typical = EVCharacteristics(maxPowerW: 7_400, phases: 1, energyWantedWh: 20_000)

    /// Past this share of the energy wanted, the battery tapers: the EV draws a quarter of its maximum.
    static let taperShare = 0.9
    static let taperFactor = 0.25
}
