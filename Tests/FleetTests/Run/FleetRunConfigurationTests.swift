import Fleet
import Testing

/// What the start banner says of the stations' clocks.
@Suite struct FleetRunConfigurationTests {
    @Test func atSpeedOneTheStationClocksAreTheWallClockAndNothingIsSaid() throws {
        var configuration = FleetRunConfiguration(profile: try RunFixtures.profile())
        configuration.speed = 1
        #expect(configuration.stationClockNote() == nil)
    }

    @Test func theSpeedIsWrittenAsAPersonWritesIt() throws {
        var configuration = FleetRunConfiguration(profile: try RunFixtures.profile())
        configuration.speed = 60
        #expect(configuration.speedText == "60")
        configuration.speed = 0.25
        #expect(configuration.speedText == "0.25")
    }

    @Test func atAnotherSpeedTheBannerSaysWhereTheClocksStartAndHowFastTheyRun() throws {
        var configuration = FleetRunConfiguration(profile: try RunFixtures.profile())
        configuration.speed = 60
        let note = try #require(configuration.stationClockNote())
        #expect(note.hasPrefix("station clocks start at 20"))
        #expect(note.hasSuffix(" and run 60× faster"))
        configuration.speed = 2.5
        #expect(configuration.stationClockNote()?.hasSuffix(" and run 2.5× faster") == true)
        configuration.speed = 0.5
        #expect(configuration.stationClockNote()?.hasSuffix(" and run at 0.5× the wall clock's pace") == true)
    }
}
