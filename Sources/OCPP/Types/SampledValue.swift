import JSON

/// One value of a meter, as text, with what it measures and how.
public struct SampledValue: OCPPPayload {
    /// `value`: Required.
    public var value: String
    /// `context`: Optional.
    public var context: ReadingContext?
    /// `format`: Optional.
    public var format: ValueFormat?
    /// `measurand`: Optional.
    public var measurand: Measurand?
    /// `phase`: Optional.
    public var phase: Phase?
    /// `location`: Optional.
    public var location: Location?
    /// `unit`: Optional.
    public var unit: UnitOfMeasure?

    /// Creates the payload; optional fields default to absent.
    public init(
        value: String,
        context: ReadingContext? = nil,
        format: ValueFormat? = nil,
        measurand: Measurand? = nil,
        phase: Phase? = nil,
        location: Location? = nil,
        unit: UnitOfMeasure? = nil
    ) {
        self.value = value
        self.context = context
        self.format = format
        self.measurand = measurand
        self.phase = phase
        self.location = location
        self.unit = unit
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var value: String?
        var context: ReadingContext?
        var format: ValueFormat?
        var measurand: Measurand?
        var phase: Phase?
        var location: Location?
        var unit: UnitOfMeasure?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "value") {
                guard value == nil else { throw .duplicate("value") }
                value = try reader.readString("value")
            } else if reader.matches(member, "context") {
                guard context == nil else { throw .duplicate("context") }
                context = try reader.readEnum("context", as: ReadingContext.self)
            } else if reader.matches(member, "format") {
                guard format == nil else { throw .duplicate("format") }
                format = try reader.readEnum("format", as: ValueFormat.self)
            } else if reader.matches(member, "measurand") {
                guard measurand == nil else { throw .duplicate("measurand") }
                measurand = try reader.readEnum("measurand", as: Measurand.self)
            } else if reader.matches(member, "phase") {
                guard phase == nil else { throw .duplicate("phase") }
                phase = try reader.readEnum("phase", as: Phase.self)
            } else if reader.matches(member, "location") {
                guard location == nil else { throw .duplicate("location") }
                location = try reader.readEnum("location", as: Location.self)
            } else if reader.matches(member, "unit") {
                guard unit == nil else { throw .duplicate("unit") }
                unit = try reader.readEnum("unit", as: UnitOfMeasure.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let value else { throw .missing("value") }
        self.init(
            value: value,
            context: context,
            format: format,
            measurand: measurand,
            phase: phase,
            location: location,
            unit: unit
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("value")
        writer.string(value)
        if let context {
            writer.key("context")
            writer.enumValue(context)
        }
        if let format {
            writer.key("format")
            writer.enumValue(format)
        }
        if let measurand {
            writer.key("measurand")
            writer.enumValue(measurand)
        }
        if let phase {
            writer.key("phase")
            writer.enumValue(phase)
        }
        if let location {
            writer.key("location")
            writer.enumValue(location)
        }
        if let unit {
            writer.key("unit")
            writer.enumValue(unit)
        }
        writer.endObject()
    }
}
