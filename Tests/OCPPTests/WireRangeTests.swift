import OCPP
import Testing

/// No number or date-time from a peer can trap where it is used: each is range-checked where it is read.
@Suite struct WireRangeTests {
    private func setChargingProfile(startPeriod: String = "0", limit: String = "16", startSchedule: String? = nil)
        -> [UInt8]
    {
        let schedule = startSchedule.map { #""startSchedule":"\#($0)","# } ?? ""
        return Array(#"""
            {"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,\#
            "chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":{\#
            \#(schedule)"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":\#(startPeriod),\#
            "limit":\#(limit)}]}}}
            """#.utf8)
    }

    private func period(_ json: [UInt8]) throws(OCPPError) -> ChargingSchedulePeriod {
        try SetChargingProfileRequest(decodingJSON: json).csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0]
    }

    private func error(_ json: [UInt8]) -> OCPPError? {
        do {
            _ = try SetChargingProfileRequest(decodingJSON: json)
            return nil
        } catch {
            return error
        }
    }

    private static let periodPath = "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0]"

    @Test(arguments: ["2147483647", "-2147483648"])
    func anIntegerWithinInt32IsRead(text: String) throws {
        #expect(try period(setChargingProfile(startPeriod: text)).startPeriod == Int(text))
    }

    @Test(arguments: ["2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999"])
    func anIntegerOutsideInt32IsAPropertyConstraintViolationOfItsField(text: String) {
        let error = error(setChargingProfile(startPeriod: text))
        #expect(error?.code == .propertyConstraintViolation)
        #expect(error?.field == Self.periodPath + ".startPeriod")
    }

    @Test(arguments: [
        ("0.3", 0.3), ("1e308", 1e308), ("-1e308", -1e308), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("123456789012345678901234567890.1", 123456789012345678901234567890.1), ("0.10000", 0.1), ("5E-1", 0.5),
        ("0e-999", 0), ("12.30e1", 123),
    ] as [(String, Double)])
    func aLimitThatIsExactlyAMultipleOfATenthIsRead(text: String, value: Double) throws {
        #expect(try period(setChargingProfile(limit: text)).limit == value)
    }

    @Test(arguments: ["10.05", "1e-400", "0.30000000000000000001", "1.234e1", "0.01", "5e-2"])
    func aLimitThatIsNotExactlyAMultipleOfATenthIsRefused(text: String) {
        let error = error(setChargingProfile(limit: text))
        #expect(error?.code == .propertyConstraintViolation)
        #expect(error?.field == Self.periodPath + ".limit")
        #expect(error?.reason == "not a multiple of 0.1")
    }

    @Test func aDecimalNoDoubleHoldsIsAPropertyConstraintViolation() {
        let error = error(setChargingProfile(limit: "1e309"))
        #expect(error?.code == .propertyConstraintViolation)
        #expect(error?.field == Self.periodPath + ".limit")
    }

    @Test(arguments: [
        ("0001-01-01T00:00:00Z", -62_135_596_800_000, 0),
        ("0001-01-01T00:00:00+23:59", -62_135_683_140_000, 1439),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999, 0),
        ("9999-12-31T23:59:59.999-23:59", 253_402_387_139_999, -1439),
    ] as [(String, Int64, Int)])
    func aDateTimeOfTheYears0001To9999IsRead(text: String, milliseconds: Int64, offset: Int) throws {
        let request = try SetChargingProfileRequest(decodingJSON: setChargingProfile(startSchedule: text))
        #expect(request.csChargingProfiles.chargingSchedule.startSchedule
            == OCPPDateTime(millisecondsSinceEpoch: milliseconds, utcOffsetMinutes: offset))
    }

    @Test func theYear0000IsAPropertyConstraintViolation() {
        let error = error(setChargingProfile(startSchedule: "0000-12-31T23:59:59Z"))
        #expect(error?.code == .propertyConstraintViolation)
        #expect(error?.field == "csChargingProfiles.chargingSchedule.startSchedule")
        #expect(OCPPDateTime("0000-12-31T23:59:59Z") == nil)
    }

    @Test func aMalformedDateTimeOfTheYear0000IsATypeConstraintViolation() {
        #expect(error(setChargingProfile(startSchedule: "0000-13-31T23:59:59Z"))?.code == .typeConstraintViolation)
    }
}
