/// The unit of a sampled value. The official schemas also admit `Celcius` (misspelled) and, in MeterValues only, `Hertz`.
///
/// The raw value is the string of the spec.
public enum UnitOfMeasure: String, Sendable, CaseIterable, JSONEnum {
    case wh = "Wh"
    case kWh = "kWh"
    case varh = "varh"
    case kvarh = "kvarh"
    case w = "W"
    case kw = "kW"
    case va = "VA"
    case kva = "kVA"
    case `var` = "var"
    case kvar = "kvar"
    case a = "A"
    case v = "V"
    case k = "K"
    case celcius = "Celcius"
    case celsius = "Celsius"
    case fahrenheit = "Fahrenheit"
    case percent = "Percent"
    case hertz = "Hertz"

    static let names = JSONNameTable<Self>()
}
