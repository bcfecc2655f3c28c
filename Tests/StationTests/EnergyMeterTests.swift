import Testing

@testable import Station

@Suite struct EnergyMeterTests {
    let ev = EVCharacteristics(maxPowerW: 7_000, phases: 1, energyWantedWh: 1_000)

    @Test func energyIsPowerTimesTime() {
        var meter = EnergyMeter()
        meter.draw(ev: ev, capW: 3_600, phases: 1, at: 0)
        meter.advance(to: 3_600_000 / 4)
        #expect(abs(meter.registerWh - 900) < 1e-9)
    }

    @Test func theCapLimitsThePower() {
        var meter = EnergyMeter()
        meter.draw(ev: ev, capW: 2_300, phases: 1, at: 0)
        #expect(meter.powerW == 2_300)
    }

    @Test func theEVLimitsThePower() {
        var meter = EnergyMeter()
        meter.draw(ev: ev, capW: 22_000, phases: 1, at: 0)
        #expect(meter.powerW == 7_000)
    }

    @Test func theEVTapersNearFullThenStops() throws {
        var meter = EnergyMeter()
        let taperAt = meter.draw(ev: ev, capW: 22_000, phases: 1, at: 0)
        let taper = try #require(taperAt)
        let fullAt = meter.draw(ev: ev, capW: 22_000, phases: 1, at: taper)
        let full = try #require(fullAt)
        #expect(meter.powerW == 7_000 * EVCharacteristics.taperFactor)
        #expect(meter.draw(ev: ev, capW: 22_000, phases: 1, at: full) == nil)
        #expect(meter.powerW == 0)
        #expect(meter.isFull(ev))
        #expect(abs(meter.registerWh - 1_000) < 0.01)
    }

    @Test func theRegisterNeverGoesBackwards() {
        var meter = EnergyMeter()
        meter.draw(ev: ev, capW: 7_000, phases: 1, at: 1_000)
        meter.advance(to: 5_000)
        let reading = meter.registerWh
        meter.advance(to: 2_000)
        #expect(meter.registerWh == reading)
    }
}
