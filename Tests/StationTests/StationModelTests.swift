import Testing

@testable import Station

@Suite struct StationModelTests {
    @Test func oneChargingPointHasAT2SSocketThenADomesticSocket() {
        let model = StationModel.greenUp1VE
        #expect(model.connectors.map(\.socket) == [.t2s, .domestic])
        #expect(model.connectors.map(\.side) == [.right, .right])
    }

    @Test func twoChargingPointsHaveRightSocketsThenLeftSockets() {
        let model = StationModel.greenUp2VE
        #expect(model.connectors.map(\.socket) == [.t2s, .domestic, .t2s, .domestic])
        #expect(model.connectors.map(\.side) == [.right, .right, .left, .left])
    }

    @Test func numberOfConnectorsFollowsTheReference() {
        let store = ConfigurationStore()
        #expect(store.text(.numberOfConnectors, in: .greenUp1VE) == "2")
        #expect(store.text(.numberOfConnectors, in: .greenUp2VE) == "4")
    }

    @Test func bootIdentityIsTheGuides() {
        let model = StationModel.greenUp1VE
        #expect(model.vendor == "Legrand")
        #expect(model.model == "059004")
        #expect(model.firmwareVersion == "V01.01.65/V01.01.08")
        #expect(model.meterType == "internal")
    }

    @Test func legacyFirmwareSamplesTheThreeValuesOfTheGuide() {
        let names = StationModel.greenUp1VE.measurands.map(\.measurand)
        #expect(names == ["Current.Import", "Energy.Active.Import.Interval", "Power.Active.Export"])
    }

    @Test func newFirmwareHasTheFieldQuirks() throws {
        let model = StationModel.greenUp2VENewFirmware
        let power = try #require(model.measurands.first { $0.quantity == .power })
        #expect(power.measurand == "Power.Active.Import")
        #expect(power.unit == "kW")
        let current = try #require(model.measurands.first { $0.quantity == .current })
        #expect(current.phase == "N")
        let voltage = try #require(model.measurands.first { $0.quantity == .voltage })
        #expect(voltage.phase == "L1-N")
        #expect(ConfigurationStore().text(.chargeProfileMaxStackLevel, in: model) == "100")
        #expect(ConfigurationStore().text(.chargeProfileMaxStackLevel, in: .greenUp2VE) == "10")
    }

    @Test func everyCatalogUpgradeNamesAModelOfTheCatalog() {
        for model in StationModel.catalog {
            if let upgrade = model.firmwareUpgrade {
                #expect(StationModel.named(upgrade) != nil, "\(model.name) upgrades to unknown \(upgrade)")
            }
        }
    }

    @Test func modelsOfTheCatalogHaveDistinctNames() {
        let names = StationModel.catalog.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
