import JSON

/// The periods of a charging profile and their unit.
public struct ChargingSchedule: OCPPPayload {
    /// `duration`: Optional.
    public var duration: Int?
    /// `startSchedule`: Optional.
    public var startSchedule: OCPPDateTime?
    /// `chargingRateUnit`: Required.
    public var chargingRateUnit: ChargingRateUnitType
    /// `chargingSchedulePeriod`: Required.
    public var chargingSchedulePeriod: [ChargingSchedulePeriod]
    /// `minChargingRate`: A multiple of 0.1. Optional.
    public var minChargingRate: Double?

    /// Creates the payload; optional fields default to absent.
    public init(
        duration: Int? = nil,
        startSchedule: OCPPDateTime? = nil,
        chargingRateUnit: ChargingRateUnitType,
        chargingSchedulePeriod: [ChargingSchedulePeriod],
        minChargingRate: Double? = nil
    ) {
        self.duration = duration
        self.startSchedule = startSchedule
        self.chargingRateUnit = chargingRateUnit
        self.chargingSchedulePeriod = chargingSchedulePeriod
        self.minChargingRate = minChargingRate
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var duration: Int?
        var startSchedule: OCPPDateTime?
        var chargingRateUnit: ChargingRateUnitType?
        var chargingSchedulePeriod: [ChargingSchedulePeriod]?
        var minChargingRate: Double?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "duration") {
                guard duration == nil else { throw .duplicate("duration") }
                duration = try reader.readInt("duration")
            } else if reader.matches(member, "startSchedule") {
                guard startSchedule == nil else { throw .duplicate("startSchedule") }
                startSchedule = try reader.readDateTime("startSchedule")
            } else if reader.matches(member, "chargingRateUnit") {
                guard chargingRateUnit == nil else { throw .duplicate("chargingRateUnit") }
                chargingRateUnit = try reader.readEnum("chargingRateUnit", as: ChargingRateUnitType.self)
            } else if reader.matches(member, "chargingSchedulePeriod") {
                guard chargingSchedulePeriod == nil else { throw .duplicate("chargingSchedulePeriod") }
                var elements: [ChargingSchedulePeriod] = []
                var array = try reader.beginArray("chargingSchedulePeriod")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try ChargingSchedulePeriod(from: &reader))
                    } catch {
                        throw error.inside("chargingSchedulePeriod[\(elements.count)]")
                    }
                }
                chargingSchedulePeriod = elements
            } else if reader.matches(member, "minChargingRate") {
                guard minChargingRate == nil else { throw .duplicate("minChargingRate") }
                minChargingRate = try reader.readTenths("minChargingRate")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let chargingRateUnit else { throw .missing("chargingRateUnit") }
        guard let chargingSchedulePeriod else { throw .missing("chargingSchedulePeriod") }
        self.init(
            duration: duration,
            startSchedule: startSchedule,
            chargingRateUnit: chargingRateUnit,
            chargingSchedulePeriod: chargingSchedulePeriod,
            minChargingRate: minChargingRate
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let duration {
            writer.key("duration")
            writer.int(duration)
        }
        if let startSchedule {
            writer.key("startSchedule")
            writer.dateTime(startSchedule)
        }
        writer.key("chargingRateUnit")
        writer.enumValue(chargingRateUnit)
        writer.key("chargingSchedulePeriod")
        writer.beginArray()
        for element in chargingSchedulePeriod {
            element.encode(to: &writer)
        }
        writer.endArray()
        if let minChargingRate {
            writer.key("minChargingRate")
            writer.double(minChargingRate)
        }
        writer.endObject()
    }
}
