import Testing

@testable import Fleet

@Suite struct ProfileCheckerTests {
    private func diagnostics(_ json: String) -> [String] {
        do {
            _ = try Profile.parse(Array(json.utf8), file: "bad.json")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    private let minimalSite = """
        {"name": "home", "arrivals": {"poissonPerHour": 0.5}, "dwellMinutes": {"fixed": 60}, "energyKWh": {"fixed": 10}}
        """

    @Test func aMinimalProfileTakesTheDefaults() throws {
        let json = """
            {"name": "tiny", "description": "one site", "sites": [\(minimalSite)]}
            """
        let profile = try Profile.parse(Array(json.utf8), file: "tiny.json")
        #expect(profile.stations.stationID(index: 0) == "GU000001")
        #expect(profile.reconnection == .greenUp)
        #expect(profile.sites[0].share == 1)
        #expect(profile.sites[0].badges == .allValid)
        #expect(profile.summary == "tiny: one site")
    }

    @Test func aSyntaxErrorGivesItsLineAndColumn() {
        let json = "{\n  \"name\": \"x\",\n  \"sites\": [1 2]\n}"
        #expect(diagnostics(json) == ["bad.json:3:15: $: expected ',' or ']', found '2'"])
    }

    @Test func anUnterminatedDocumentSaysWhatIsMissing() {
        #expect(diagnostics("{\"name\": \"x\"") == ["bad.json:1:13: $: expected ',' or '}', found the end of the file"])
    }

    @Test func everyErrorIsReportedAtOnceWithItsPath() {
        let json = """
            {
              "name": "bad",
              "descripton": "typo",
              "stations": {"models": [{"model": "3VE", "share": 1}], "idPattern": "GU"},
              "sites": [
                {"name": "home", "share": 0.5,
                 "arrivals": {"hourly": [0,0,0,-2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},
                 "dwellMinutes": {"lognormal": {"median": 0, "sigma": 0.5}},
                 "energyKWh": {"fixed": 10, "uniform": [1, 2]},
                 "badges": {"valid": 0.9, "unknown": 0.2}},
                {"name": "work", "share": 0.4, "arrivals": {"poissonPerHour": 1},
                 "dwellMinutes": {"fixed": 60}, "energyKWh": {"fixed": 10}}
              ],
              "reconnection": {"policy": "linear"},
              "events": [{"at": "soon", "event": "dropLinks", "share": 2}]
            }
            """
        #expect(
            diagnostics(json) == [
                "bad.json:1:1: $: expected a member \"description\", found none",
                "bad.json:3:17: $.descripton: expected a member among $schema, name, description, start, stations, sites, reconnection, csms, events, found an unknown member \"descripton\"",
                "bad.json:4:37: $.stations.models[0].model: expected \"1VE\" or \"2VE\", found the string \"3VE\"",
                "bad.json:4:71: $.stations.idPattern: expected letters, digits, '-', '_' or '.' around one \"{n}\" or \"{n:WIDTH}\", at most 48 characters in all, found the string \"GU\"",
                "bad.json:5:12: $.sites: expected shares summing to 1, found shares summing to 0.9",
                "bad.json:7:36: $.sites[0].arrivals.hourly[3]: expected a number at least 0, found the number -2",
                "bad.json:8:47: $.sites[0].dwellMinutes.lognormal.median: expected a number above 0, found the number 0",
                "bad.json:9:19: $.sites[0].energyKWh: expected exactly one member among \"fixed\", \"uniform\", \"exponential\", \"lognormal\", found \"fixed\" and \"uniform\"",
                "bad.json:10:16: $.sites[0].badges: expected shares summing to 1, found shares summing to 1.1",
                "bad.json:14:30: $.reconnection.policy: expected \"greenup\", \"fixed\", \"exponential\" or \"retryBackOff\", found the string \"linear\"",
                "bad.json:15:21: $.events[0].at: expected a duration such as \"90s\", \"10m\" or \"1h30m\", found the string \"soon\"",
                "bad.json:15:60: $.events[0].share: expected a number from 0 to 1, found the number 2",
            ])
    }

    @Test func aMissingFileIsReportedAsSuch() {
        #expect(Profile.check(file: "/nonexistent/profile.json").map(\.description) == [
            "/nonexistent/profile.json:1:1: $: expected a readable JSON file, found no such file"
        ])
    }

    @Test func membersThatDoNotBelongToTheChosenVariantAreRefused() {
        let json = """
            {"name": "x", "description": "y", "sites": [\(minimalSite)],
             "reconnection": {"policy": "greenup", "interval": "10s"},
             "events": [{"at": "1h", "event": "restartCSMS", "downtime": "1m", "share": 0.5}]}
            """
        #expect(
            diagnostics(json) == [
                "bad.json:2:52: $.reconnection.interval: expected no \"interval\" with policy \"greenup\", found one",
                "bad.json:3:77: $.events[0].share: expected no \"share\" in a \"restartCSMS\" event, found one",
            ])
    }

    @Test func aRetryBackOffPolicyTakesOCPP201sThreeSettings() throws {
        let json = """
            {"name": "x", "description": "y", "sites": [\(minimalSite)],
             "reconnection": {"policy": "retryBackOff", "waitMinimum": "10s", "randomRange": "5s", "repeatTimes": 3}}
            """
        let profile = try Profile.parse(Array(json.utf8), file: "ocpp201.json")
        #expect(
            profile.reconnection
                == .retryBackOff(waitMinimumMilliseconds: 10_000, randomRangeMilliseconds: 5_000, repeatTimes: 3))
    }

    @Test func aRetryBackOffWithNegativeOrMissingSettingsIsRefused() {
        let json = """
            {"name": "x", "description": "y", "sites": [\(minimalSite)],
             "reconnection": {"policy": "retryBackOff", "waitMinimum": "-10s", "repeatTimes": -1, "max": "1m"}}
            """
        #expect(
            diagnostics(json) == [
                "bad.json:2:18: $.reconnection: expected a member \"randomRange\", found none",
                "bad.json:2:60: $.reconnection.waitMinimum: expected a duration such as \"90s\", \"10m\" or \"1h30m\" of at least 1 ms, found the string \"-10s\"",
                "bad.json:2:83: $.reconnection.repeatTimes: expected an integer at least 0, found the number -1",
                "bad.json:2:94: $.reconnection.max: expected no \"max\" with policy \"retryBackOff\", found one",
            ])
    }

    @Test func aWeekNeedsSevenDaysOfTwentyFourRates() {
        let day = "[" + Array(repeating: "0", count: 24).joined(separator: ",") + "]"
        let json = """
            {"name": "x", "description": "y", "sites": [{"name": "s", "arrivals": {"weekly": [\(day), [1, 2]]},
             "dwellMinutes": {"fixed": 1}, "energyKWh": {"fixed": 1}}]}
            """
        #expect(diagnostics(json) == ["bad.json:1:82: $.sites[0].arrivals.weekly: expected an array of 7, found an array of 2"])
    }

    @Test func aMemberGivenTwiceIsRefused() {
        let json = #"{"name": "x", "name": "y", "description": "z", "sites": []}"#
        #expect(
            diagnostics(json) == [
                "bad.json:1:23: $.name: expected each member once, found \"name\" a second time",
                "bad.json:1:57: $.sites: expected a non-empty array, found an array of 0",
            ])
    }

    @Test func aLoneSiteMayGiveNoShareButNotAWrongOne() {
        let json = """
            {"name": "x", "description": "y", "sites": [{"name": "s", "share": 0.5, "arrivals": {"list": []},
             "dwellMinutes": {"fixed": 1}, "energyKWh": {"fixed": 1}}]}
            """
        #expect(diagnostics(json) == ["bad.json:1:44: $.sites: expected shares summing to 1, found shares summing to 0.5"])
    }

    @Test func anArrivalAtAChargingPointNoStationHasIsRefused() {
        /// A profile of `models` whose one site has an EV arrive at charging point 2.
        func profile(models: String) -> String {
            #"{"name": "x", "description": "y", "stations": {"models": [\#(models)]}, "sites": [{"name": "s", "#
                + #""arrivals": {"list": [{"at": "10m", "chargingPoint": 2}]}, "dwellMinutes": {"fixed": 1}, "#
                + #""energyKWh": {"fixed": 1}}]}"#
        }
        #expect(
            diagnostics(profile(models: #"{"model": "1VE", "share": 1}"#)) == [
                "bad.json:1:168: $.sites[0].arrivals.list[0].chargingPoint: expected at most 1: no station model of "
                    + "the profile has more charging points, found 2"
            ])
        // Where some stations have two, the others take no arrival there.
        #expect(diagnostics(profile(models: #"{"model": "1VE", "share": 0.5}, {"model": "2VE", "share": 0.5}"#)) == [])
    }

    @Test func identifiersFollowThePattern() {
        #expect(StationComposition.stationID(pattern: "GU{n:6}", index: 41) == "GU000042")
        #expect(StationComposition.stationID(pattern: "site-{n}-a", index: 0) == "site-1-a")
        #expect(ProfileReader.isValidIDPattern("GU{n:6}"))
        #expect(!ProfileReader.isValidIDPattern("GU{n}{n}"))
        #expect(!ProfileReader.isValidIDPattern("GU/{n}"))
    }

    @Test func durationsReadAsPeopleWriteThem() {
        #expect(DurationText.milliseconds("90s") == 90_000)
        #expect(DurationText.milliseconds("1h30m") == 5_400_000)
        #expect(DurationText.milliseconds("250ms") == 250)
        #expect(DurationText.milliseconds("1.5h") == 5_400_000)
        #expect(DurationText.milliseconds("10") == nil)
        #expect(DurationText.milliseconds("") == nil)
    }

    @Test func startTimesKeepTheirOffset() throws {
        let parsed = try #require(Timestamp.parse("2026-01-05T18:00:00+01:00"))
        #expect(parsed.milliseconds == 1_767_632_400_000)
        #expect(parsed.utcOffsetSeconds == 3_600)
        #expect(Timestamp.parse("2026-02-30T00:00:00Z") == nil)
    }
}
