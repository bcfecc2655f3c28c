import JSON

/// A charging profile: limits over time for a connector or a transaction.
public struct ChargingProfile: OCPPPayload {
    /// `chargingProfileId`: Required.
    public var chargingProfileId: Int
    /// `transactionId`: Optional.
    public var transactionId: Int?
    /// `stackLevel`: Required.
    public var stackLevel: Int
    /// `chargingProfilePurpose`: Required.
    public var chargingProfilePurpose: ChargingProfilePurposeType
    /// `chargingProfileKind`: Required.
    public var chargingProfileKind: ChargingProfileKindType
    /// `recurrencyKind`: Optional.
    public var recurrencyKind: RecurrencyKindType?
    /// `validFrom`: Optional.
    public var validFrom: OCPPDateTime?
    /// `validTo`: Optional.
    public var validTo: OCPPDateTime?
    /// `chargingSchedule`: Required.
    public var chargingSchedule: ChargingSchedule

    /// Creates the payload; optional fields default to absent.
    public init(
        chargingProfileId: Int,
        transactionId: Int? = nil,
        stackLevel: Int,
        chargingProfilePurpose: ChargingProfilePurposeType,
        chargingProfileKind: ChargingProfileKindType,
        recurrencyKind: RecurrencyKindType? = nil,
        validFrom: OCPPDateTime? = nil,
        validTo: OCPPDateTime? = nil,
        chargingSchedule: ChargingSchedule
    ) {
        self.chargingProfileId = chargingProfileId
        self.transactionId = transactionId
        self.stackLevel = stackLevel
        self.chargingProfilePurpose = chargingProfilePurpose
        self.chargingProfileKind = chargingProfileKind
        self.recurrencyKind = recurrencyKind
        self.validFrom = validFrom
        self.validTo = validTo
        self.chargingSchedule = chargingSchedule
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var chargingProfileId: Int?
        var transactionId: Int?
        var stackLevel: Int?
        var chargingProfilePurpose: ChargingProfilePurposeType?
        var chargingProfileKind: ChargingProfileKindType?
        var recurrencyKind: RecurrencyKindType?
        var validFrom: OCPPDateTime?
        var validTo: OCPPDateTime?
        var chargingSchedule: ChargingSchedule?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "chargingProfileId") {
                guard chargingProfileId == nil else { throw .duplicate("chargingProfileId") }
                chargingProfileId = try reader.readInt("chargingProfileId")
            } else if reader.matches(member, "transactionId") {
                guard transactionId == nil else { throw .duplicate("transactionId") }
                transactionId = try reader.readInt("transactionId")
            } else if reader.matches(member, "stackLevel") {
                guard stackLevel == nil else { throw .duplicate("stackLevel") }
                stackLevel = try reader.readInt("stackLevel")
            } else if reader.matches(member, "chargingProfilePurpose") {
                guard chargingProfilePurpose == nil else { throw .duplicate("chargingProfilePurpose") }
                chargingProfilePurpose = try reader.readEnum("chargingProfilePurpose", as: ChargingProfilePurposeType.self)
            } else if reader.matches(member, "chargingProfileKind") {
                guard chargingProfileKind == nil else { throw .duplicate("chargingProfileKind") }
                chargingProfileKind = try reader.readEnum("chargingProfileKind", as: ChargingProfileKindType.self)
            } else if reader.matches(member, "recurrencyKind") {
                guard recurrencyKind == nil else { throw .duplicate("recurrencyKind") }
                recurrencyKind = try reader.readEnum("recurrencyKind", as: RecurrencyKindType.self)
            } else if reader.matches(member, "validFrom") {
                guard validFrom == nil else { throw .duplicate("validFrom") }
                validFrom = try reader.readDateTime("validFrom")
            } else if reader.matches(member, "validTo") {
                guard validTo == nil else { throw .duplicate("validTo") }
                validTo = try reader.readDateTime("validTo")
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
        guard let chargingProfileId else { throw .missing("chargingProfileId") }
        guard let stackLevel else { throw .missing("stackLevel") }
        guard let chargingProfilePurpose else { throw .missing("chargingProfilePurpose") }
        guard let chargingProfileKind else { throw .missing("chargingProfileKind") }
        guard let chargingSchedule else { throw .missing("chargingSchedule") }
        self.init(
            chargingProfileId: chargingProfileId,
            transactionId: transactionId,
            stackLevel: stackLevel,
            chargingProfilePurpose: chargingProfilePurpose,
            chargingProfileKind: chargingProfileKind,
            recurrencyKind: recurrencyKind,
            validFrom: validFrom,
            validTo: validTo,
            chargingSchedule: chargingSchedule
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("chargingProfileId")
        writer.int(chargingProfileId)
        if let transactionId {
            writer.key("transactionId")
            writer.int(transactionId)
        }
        writer.key("stackLevel")
        writer.int(stackLevel)
        writer.key("chargingProfilePurpose")
        writer.enumValue(chargingProfilePurpose)
        writer.key("chargingProfileKind")
        writer.enumValue(chargingProfileKind)
        if let recurrencyKind {
            writer.key("recurrencyKind")
            writer.enumValue(recurrencyKind)
        }
        if let validFrom {
            writer.key("validFrom")
            writer.dateTime(validFrom)
        }
        if let validTo {
            writer.key("validTo")
            writer.dateTime(validTo)
        }
        writer.key("chargingSchedule")
        chargingSchedule.encode(to: &writer)
        writer.endObject()
    }
}
