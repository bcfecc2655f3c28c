import OCPP
import Testing

@Suite struct DateTimeTests {
    @Test func itIsWrittenAsTheGreenUpWritesIt() {
        let time = OCPPDateTime(millisecondsSinceEpoch: 1_555_683_943_083, utcOffsetMinutes: 120)
        #expect(time.description == "2019-04-19T16:25:43.083+02:00")
        #expect(OCPPDateTime(millisecondsSinceEpoch: -1, utcOffsetMinutes: -330).description
            == "1969-12-31T18:29:59.999-05:30")
    }

    @Test(arguments: [
        ("2019-04-19T16:25:43.083+02:00", 1_555_683_943_083, 120),
        ("2019-04-19T14:25:43Z", 1_555_683_943_000, 0),
        ("2019-04-19t14:25:43z", 1_555_683_943_000, 0),
        ("2019-04-19T14:25:43.1Z", 1_555_683_943_100, 0),
        ("2019-04-19T14:25:43.123456789Z", 1_555_683_943_123, 0),
        ("2019-04-19T09:25:43.000-05:00", 1_555_683_943_000, -300),
        ("2016-12-31T23:59:60Z", 1_483_228_800_000, 0),
        ("2020-02-29T00:00:00+00:00", 1_582_934_400_000, 0),
    ] as [(String, Int64, Int)])
    func everyRFC3339FormIsRead(text: String, milliseconds: Int64, offset: Int) {
        #expect(OCPPDateTime(text) == OCPPDateTime(millisecondsSinceEpoch: milliseconds, utcOffsetMinutes: offset))
    }

    @Test(arguments: [
        "2019-04-19T14:25:43", "2019-04-19 14:25:43Z", "2019-02-29T00:00:00Z", "2019-04-19T24:00:00Z",
        "2019-04-19T14:25:43.Z", "2019-04-19T14:25:43.1234567890Z", "2019-04-19T14:25:43+2:00", "19-04-19T14:25:43Z",
        "2019-04-19T14:25:43+24:00", "",
    ])
    func anythingElseIsRefused(text: String) {
        #expect(OCPPDateTime(text) == nil)
    }

    @Test(arguments: [
        (Int64.max, 0, "9999-12-31T23:59:59.999+00:00"), (Int64.min, 0, "0001-01-01T00:00:00.000+00:00"),
        (253_402_300_799_999, 1439, "9999-12-31T23:59:59.999+23:59"),
        (-62_135_596_800_000, -1439, "0001-01-01T00:00:00.000-23:59"),
    ] as [(Int64, Int, String)])
    func anInstantBeyondTheYears0001To9999IsWrittenAsTheNearestLocalTimeWithin(
        milliseconds: Int64, offset: Int, text: String
    ) {
        let time = OCPPDateTime(millisecondsSinceEpoch: milliseconds, utcOffsetMinutes: offset)
        #expect(time.description == text)
        #expect(OCPPDateTime(time.description) != nil)
    }

    @Test func writtenTextReadsBackEqual() {
        for milliseconds: Int64 in [0, 1, -86_400_001, 951_782_400_000, 4_102_444_800_123] {
            for offset in [0, 60, -720, 840] {
                let time = OCPPDateTime(millisecondsSinceEpoch: milliseconds, utcOffsetMinutes: offset)
                #expect(OCPPDateTime(time.description) == time)
            }
        }
    }
}
