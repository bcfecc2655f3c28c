import OCPP

/// One sampled value a model can put into MeterValues, with the exact fields the firmware sends.
public struct SampledValueSpec: Sendable {
    /// What the value measures, which decides how the station computes it.
    public enum Quantity: Sendable {
        /// Current per phase drawn by the EV.
        case current
        /// Active power drawn by the EV (whatever the measurand says: the Green'Up calls it Export).
        case power
        /// Energy delivered since the previous sample of the transaction.
        case energyInterval
        /// Energy delivered by the connector since the station was built.
        case energyRegister
        /// Supply voltage.
        case voltage
    }

    /// The OCPP measurand name, e.g. `Power.Active.Export`.
    public let measurand: String
    public let quantity: Quantity
    /// The OCPP unit name; `kW` and `kWh` scale the value by 1/1000.
    public let unit: String
    public let phase: String?
    public let location: String?

    public init(_ measurand: String, _ quantity: Quantity, unit: String, phase: String? = nil, location: String? = nil) {
        self.measurand = measurand
        self.quantity = quantity
        self.unit = unit
        self.phase = phase
        self.location = location
        guard let ocppMeasurand = Measurand(rawValue: measurand), let ocppUnit = UnitOfMeasure(rawValue: unit) else {
            preconditionFailure("\(measurand) in \(unit) is not an OCPP 1.6 measurand and unit")
        }
        self.ocppMeasurand = ocppMeasurand
        self.ocppUnit = ocppUnit
        scale = unit.hasPrefix("k") ? 0.001 : 1
        self.ocppPhase = phase.map { name in
            guard let value = Phase(rawValue: name) else { preconditionFailure("\(name) is not an OCPP 1.6 phase") }
            return value
        }
        self.ocppLocation = location.map { name in
            guard let value = Location(rawValue: name) else { preconditionFailure("\(name) is not an OCPP 1.6 location") }
            return value
        }
    }

    // The same fields as OCPP values, checked once when the model is built.
    let ocppMeasurand: Measurand
    let ocppUnit: UnitOfMeasure
    let ocppPhase: Phase?
    let ocppLocation: Location?

    /// `kW` and `kWh` scale the value by 1/1000; read at every sample, so worked out once.
    let scale: Double
}
