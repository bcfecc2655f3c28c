/// BootNotification (station → CSMS): Announces the station after it (re)started; the answer registers it and gives the heartbeat interval.
public struct BootNotificationRequest: OCPPRequest {
    /// The answer: ``BootNotificationResponse``.
    public typealias Response = BootNotificationResponse
    /// ``Action/bootNotification``.
    public static var action: Action { .bootNotification }

    /// `chargePointVendor`: At most 20 characters (CiString20Type). Required.
    public var chargePointVendor: String
    /// `chargePointModel`: At most 20 characters (CiString20Type). Required.
    public var chargePointModel: String
    /// `chargePointSerialNumber`: At most 25 characters (CiString25Type). Optional.
    public var chargePointSerialNumber: String?
    /// `chargeBoxSerialNumber`: At most 25 characters (CiString25Type). Optional.
    public var chargeBoxSerialNumber: String?
    /// `firmwareVersion`: At most 50 characters (CiString50Type). Optional.
    public var firmwareVersion: String?
    /// `iccid`: At most 20 characters (CiString20Type). Optional.
    public var iccid: String?
    /// `imsi`: At most 20 characters (CiString20Type). Optional.
    public var imsi: String?
    /// `meterType`: At most 25 characters (CiString25Type). Optional.
    public var meterType: String?
    /// `meterSerialNumber`: At most 25 characters (CiString25Type). Optional.
    public var meterSerialNumber: String?

    /// Creates the payload; optional fields default to absent.
    public init(
        chargePointVendor: String,
        chargePointModel: String,
        chargePointSerialNumber: String? = nil,
        chargeBoxSerialNumber: String? = nil,
        firmwareVersion: String? = nil,
        iccid: String? = nil,
        imsi: String? = nil,
        meterType: String? = nil,
        meterSerialNumber: String? = nil
    ) {
        self.chargePointVendor = chargePointVendor
        self.chargePointModel = chargePointModel
        self.chargePointSerialNumber = chargePointSerialNumber
        self.chargeBoxSerialNumber = chargeBoxSerialNumber
        self.firmwareVersion = firmwareVersion
        self.iccid = iccid
        self.imsi = imsi
        self.meterType = meterType
        self.meterSerialNumber = meterSerialNumber
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var chargePointVendor: String?
        var chargePointModel: String?
        var chargePointSerialNumber: String?
        var chargeBoxSerialNumber: String?
        var firmwareVersion: String?
        var iccid: String?
        var imsi: String?
        var meterType: String?
        var meterSerialNumber: String?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "chargePointVendor") {
                guard chargePointVendor == nil else { throw .duplicate("chargePointVendor") }
                chargePointVendor = try reader.readString("chargePointVendor", maxLength: 20)
            } else if reader.matches(member, "chargePointModel") {
                guard chargePointModel == nil else { throw .duplicate("chargePointModel") }
                chargePointModel = try reader.readString("chargePointModel", maxLength: 20)
            } else if reader.matches(member, "chargePointSerialNumber") {
                guard chargePointSerialNumber == nil else { throw .duplicate("chargePointSerialNumber") }
                chargePointSerialNumber = try reader.readString("chargePointSerialNumber", maxLength: 25)
            } else if reader.matches(member, "chargeBoxSerialNumber") {
                guard chargeBoxSerialNumber == nil else { throw .duplicate("chargeBoxSerialNumber") }
                chargeBoxSerialNumber = try reader.readString("chargeBoxSerialNumber", maxLength: 25)
            } else if reader.matches(member, "firmwareVersion") {
                guard firmwareVersion == nil else { throw .duplicate("firmwareVersion") }
                firmwareVersion = try reader.readString("firmwareVersion", maxLength: 50)
            } else if reader.matches(member, "iccid") {
                guard iccid == nil else { throw .duplicate("iccid") }
                iccid = try reader.readString("iccid", maxLength: 20)
            } else if reader.matches(member, "imsi") {
                guard imsi == nil else { throw .duplicate("imsi") }
                imsi = try reader.readString("imsi", maxLength: 20)
            } else if reader.matches(member, "meterType") {
                guard meterType == nil else { throw .duplicate("meterType") }
                meterType = try reader.readString("meterType", maxLength: 25)
            } else if reader.matches(member, "meterSerialNumber") {
                guard meterSerialNumber == nil else { throw .duplicate("meterSerialNumber") }
                meterSerialNumber = try reader.readString("meterSerialNumber", maxLength: 25)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let chargePointVendor else { throw .missing("chargePointVendor") }
        guard let chargePointModel else { throw .missing("chargePointModel") }
        self.init(
            chargePointVendor: chargePointVendor,
            chargePointModel: chargePointModel,
            chargePointSerialNumber: chargePointSerialNumber,
            chargeBoxSerialNumber: chargeBoxSerialNumber,
            firmwareVersion: firmwareVersion,
            iccid: iccid,
            imsi: imsi,
            meterType: meterType,
            meterSerialNumber: meterSerialNumber
        )
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("chargePointVendor")
        writer.string(chargePointVendor)
        writer.key("chargePointModel")
        writer.string(chargePointModel)
        if let chargePointSerialNumber {
            writer.key("chargePointSerialNumber")
            writer.string(chargePointSerialNumber)
        }
        if let chargeBoxSerialNumber {
            writer.key("chargeBoxSerialNumber")
            writer.string(chargeBoxSerialNumber)
        }
        if let firmwareVersion {
            writer.key("firmwareVersion")
            writer.string(firmwareVersion)
        }
        if let iccid {
            writer.key("iccid")
            writer.string(iccid)
        }
        if let imsi {
            writer.key("imsi")
            writer.string(imsi)
        }
        if let meterType {
            writer.key("meterType")
            writer.string(meterType)
        }
        if let meterSerialNumber {
            writer.key("meterSerialNumber")
            writer.string(meterSerialNumber)
        }
        writer.endObject()
    }
}

/// The answer to a ``BootNotificationRequest``.
public struct BootNotificationResponse: OCPPPayload {
    /// `status`: Required.
    public var status: RegistrationStatus
    /// `currentTime`: Required.
    public var currentTime: OCPPDateTime
    /// `interval`: Required.
    public var interval: Int

    /// Creates the payload; optional fields default to absent.
    public init(status: RegistrationStatus, currentTime: OCPPDateTime, interval: Int) {
        self.status = status
        self.currentTime = currentTime
        self.interval = interval
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: RegistrationStatus?
        var currentTime: OCPPDateTime?
        var interval: Int?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: RegistrationStatus.self)
            } else if reader.matches(member, "currentTime") {
                guard currentTime == nil else { throw .duplicate("currentTime") }
                currentTime = try reader.readDateTime("currentTime")
            } else if reader.matches(member, "interval") {
                guard interval == nil else { throw .duplicate("interval") }
                interval = try reader.readInt("interval")
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        guard let currentTime else { throw .missing("currentTime") }
        guard let interval else { throw .missing("interval") }
        self.init(status: status, currentTime: currentTime, interval: interval)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.enumValue(status)
        writer.key("currentTime")
        writer.dateTime(currentTime)
        writer.key("interval")
        writer.int(interval)
        writer.endObject()
    }
}
