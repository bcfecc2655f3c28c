/// GetCompositeSchedule (CSMS → station): Asks for the schedule that results from all profiles on a connector.
public struct GetCompositeScheduleRequest: OCPPRequest {
    /// The answer: ``GetCompositeScheduleResponse``.
    public typealias Response = GetCompositeScheduleResponse
    /// ``Action/getCompositeSchedule``.
    public static var action: Action { .getCompositeSchedule }

    /// `connectorId`: Required.
    public var connectorId: Int
    /// `duration`: Required.
    public var duration: Int
    /// `chargingRateUnit`: Optional.
    public var chargingRateUnit: ChargingRateUnitType?

    /// Creates the payload; optional fields default to absent.
    public init(connectorId: Int, duration: Int, chargingRateUnit: ChargingRateUnitType? = nil) {
        self.connectorId = connectorId
        self.duration = duration
        self.chargingRateUnit = chargingRateUnit
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var connectorId: Int?
        var duration: Int?
        var chargingRateUnit: ChargingRateUnitType?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "duration") {
                guard duration == nil else { throw .duplicate("duration") }
                duration = try reader.readInt("duration")
            } else if reader.matches(member, "chargingRateUnit") {
                guard chargingRateUnit == nil else { throw .duplicate("chargingRateUnit") }
                chargingRateUnit = try reader.readEnum("chargingRateUnit", as: ChargingRateUnitType.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let connectorId else { throw .missing("connectorId") }
        guard let duration else { throw .missing("duration") }
        self.init(connectorId: connectorId, duration: duration, chargingRateUnit: chargingRateUnit)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("connectorId")
        writer.int(connectorId)
        writer.key("duration")
        writer.int(duration)
        if let chargingRateUnit {
            writer.key("chargingRateUnit")
            writer.enumValue(chargingRateUnit)
        }
        writer.endObject()
    }
}

/// The answer to a ``GetCompositeScheduleRequest``.
public struct GetCompositeScheduleResponse: OCPPPayload {
    /// `status`: Required.
    public var status: GetCompositeScheduleStatus
    /// `connectorId`: Optional.
    public var connectorId: Int?
    /// `scheduleStart`: Optional.
    public var scheduleStart: OCPPDateTime?
    /// `chargingSchedule`: Optional.
    public var chargingSchedule: ChargingSchedule?

    /// Creates the payload; optional fields default to absent.
    public init(
        status: GetCompositeScheduleStatus,
        connectorId: Int? = nil,
        scheduleStart: OCPPDateTime? = nil,
        chargingSchedule: ChargingSchedule? = nil
    ) {
        self.status = status
        self.connectorId = connectorId
        self.scheduleStart = scheduleStart
        self.chargingSchedule = chargingSchedule
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: GetCompositeScheduleStatus?
        var connectorId: Int?
        var scheduleStart: OCPPDateTime?
        var chargingSchedule: ChargingSchedule?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: GetCompositeScheduleStatus.self)
            } else if reader.matches(member, "connectorId") {
                guard connectorId == nil else { throw .duplicate("connectorId") }
                connectorId = try reader.readInt("connectorId")
            } else if reader.matches(member, "scheduleStart") {
                guard scheduleStart == nil else { throw .duplicate("scheduleStart") }
                scheduleStart = try reader.readDateTime("scheduleStart")
            } else if reader.matches(member, "chargingSchedule") {
                guard chargingSchedule == nil else { throw .duplicate("chargingSchedule") }
                do {
                    chargingSchedule = try ChargingSchedule(from: &reader)
                } catch {
                    throw error.inside("chargingSchedule")
                }
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        self.init(
            status: status,
            connectorId: connectorId,
            scheduleStart: scheduleStart,
            chargingSchedule: chargingSchedule
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.enumValue(status)
        if let connectorId {
            writer.key("connectorId")
            writer.int(connectorId)
        }
        if let scheduleStart {
            writer.key("scheduleStart")
            writer.dateTime(scheduleStart)
        }
        if let chargingSchedule {
            writer.key("chargingSchedule")
            chargingSchedule.encode(to: &writer)
        }
        writer.endObject()
    }
}
