import Testing

@testable import Station

@Suite struct ConfigurationStoreTests {
    let model = StationModel.greenUp1VE

    @Test func eachKeysIndexIsItsPlaceAmongAllKeys() {
        for (place, key) in ConfigurationKey.allCases.enumerated() {
            #expect(key.index == place)
        }
    }

    @Test(arguments: [
        (ConfigurationKey.allowOfflineTxForUnknownId, "false"), (.authorizationCacheEnabled, "false"),
        (.authorizeRemoteTxRequests, "true"), (.blinkRepeat, "60"), (.clockAlignedDataInterval, "0"),
        (.connectionTimeOut, "60"), (.getConfigurationMaxKeys, "255"), (.heartbeatInterval, "60"),
        (.lightIntensity, "100"), (.localAuthorizeOffline, "false"), (.localPreAuthorize, "false"),
        (.maxEnergyOnInvalidId, "0"), (.meterValuesAlignedDataMaxLength, "50"),
        (.meterValuesSampledData, "Current.Import,Energy.Active.Import.Interval,Power.Active.Export"),
        (.meterValuesSampledDataMaxLength, "50"), (.meterValueSampleInterval, "30"),
        (.minimumStatusDuration, "0"), (.resetRetries, "1"), (.connectorPhaseRotation, "Unknown"),
        (.connectorPhaseRotationMaxLength, "1"), (.stopTransactionOnEVSideDisconnect, "true"),
        (.stopTransactionOnInvalidId, "false"), (.stopTxnAlignedDataMaxLength, "10"),
        (.stopTxnSampledDataMaxLength, "10"),
        (.supportedFeatureProfiles,
         "Core,FirmwareManagement,LocalAuthListManagement,RemoteTrigger,Reservation,SmartCharging"),
        (.supportedFeatureProfilesMaxLength, "6"), (.transactionMessageAttempts, "3"),
        (.transactionMessageRetryInterval, "10"), (.unlockConnectorOnEVSideDisconnect, "true"),
        (.webSocketPingInterval, "300"), (.supportedFileTransferProtocols, "FTP,SFTP,FTPS,HTTP,HTTPS"),
        (.localAuthListEnabled, "false"), (.localAuthListMaxLength, "500"), (.sendLocalListMaxLength, "500"),
        (.reserveConnectorZeroSupported, "true"), (.chargingScheduleAllowedChargingRateUnit, "Current,Power"),
        (.chargingScheduleMaxPeriods, "100"), (.connectorSwitch3to1PhaseSupported, "false"),
        (.maxChargingProfilesInstalled, "100"), (.confBasicTime, "10"), (.confAuthorizeTime, "20"),
        (.confBottNotificationTime, "30"), (.defaultIdTag1, "LEGRAND001"), (.defaultIdTag2, "LEGRAND002"),
        (.meterType, "Internal"), (.oCPPPlugAndCharge, "false"), (.serverReconnectionTime, "30"),
        (.uiD, "Null"), (.url, "Null"),
    ])
    func defaultsAreTheGuides(key: ConfigurationKey, expected: String) {
        #expect(ConfigurationStore().text(key, in: model) == expected)
    }

    @Test(arguments: [
        ("AllowOfflineTxForUnknownId", "true"), ("AuthorizationCacheEnabled", "true"),
        ("AuthorizeRemoteTxRequests", "false"), ("BlinkRepeat", "5"), ("ClockAlignedDataInterval", "900"),
        ("ConnectionTimeOut", "90"), ("HeartbeatInterval", "300"), ("LocalAuthorizeOffline", "true"),
        ("LocalPreAuthorize", "true"), ("MeterValuesAlignedData", "Current.Import"),
        ("MeterValuesSampledData", "Energy.Active.Import.Interval"), ("MeterValueSampleInterval", "60"),
        ("MinimumStatusDuration", "5"), ("ResetRetries", "2"), ("StopTransactionOnEVSideDisconnect", "false"),
        ("StopTransactionOnInvalidId", "true"), ("StopTxnAlignedData", "Power.Active.Export"),
        ("StopTxnSampledData", "Current.Import"), ("TransactionMessageAttempts", "5"),
        ("TransactionMessageRetryInterval", "20"), ("UnlockConnectorOnEVSideDisconnect", "false"),
        ("WebSocketPingInterval", "0"), ("LocalAuthListEnabled", "true"), ("chargingStationMaxLimit", "16"),
        ("confBasicTime", "15"), ("confAuthorizeTime", "30"), ("confBottNotificationTime", "60"),
        ("oCPPPlugAndCharge", "true"), ("serverReconnectionTime", "10"), ("uiD", "0224B1FFFF3EAF33"),
        ("URL", "ws://192.168.1.120:9000"),
    ])
    func writableKeysAcceptAValidValue(name: String, value: String) {
        var store = ConfigurationStore()
        let outcome = store.change(name: name, to: value, in: model)
        #expect(outcome == .accepted(ConfigurationKey(name: name)!))
        #expect(store.text(ConfigurationKey(name: name)!, in: model) == value)
    }

    @Test(arguments: [
        "LightIntensity", "MaxEnergyOnInvalidId", "MeterValuesAlignedDataMaxLength",
        "MeterValuesSampledDataMaxLength",
    ])
    func keysTheGuideRefusesAreRejected(name: String) {
        var store = ConfigurationStore()
        #expect(store.change(name: name, to: "1", in: model) == .rejected)
    }

    @Test(arguments: [
        "GetConfigurationMaxKeys", "NumberOfConnectors", "ConnectorPhaseRotationMaxLength",
        "StopTxnAlignedDataMaxLength", "StopTxnSampledDataMaxLength", "SupportedFeatureProfiles",
        "SupportedFeatureProfilesMaxLength", "SupportedFileTransferProtocols", "LocalAuthListMaxLength",
        "SendLocalListMaxLength", "ReserveConnectorZeroSupported", "ChargeProfileMaxStackLevel",
        "ChargingScheduleAllowedChargingRateUnit", "ChargingScheduleMaxPeriods",
        "ConnectorSwitch3to1PhaseSupported", "MaxChargingProfilesInstalled", "defaultIdTag1", "defaultIdTag2",
        "MaxCurrentInstallationRight", "MaxCurrentCableLeft", "MeterType", "networkEthernetAddress",
    ])
    func readOnlyKeysAreRejectedAndReportedReadOnly(name: String) {
        var store = ConfigurationStore()
        let key = ConfigurationKey(name: name)!
        #expect(store.change(name: name, to: "1", in: model) == .rejected)
        #expect(model.rules[key.index].isReadOnly)
    }

    @Test func connectorPhaseRotationIsNotSupported() {
        var store = ConfigurationStore()
        #expect(store.change(name: "ConnectorPhaseRotation", to: "0.RST", in: model) == .notSupported)
    }

    @Test func anUnknownKeyIsNotSupported() {
        var store = ConfigurationStore()
        #expect(store.change(name: "NoSuchKey", to: "1", in: model) == .notSupported)
    }

    @Test(arguments: ["9", "86401", "0", "-5", "sixty", ""])
    func heartbeatIntervalOutsideTenToOneDayIsRejected(value: String) {
        var store = ConfigurationStore()
        #expect(store.change(name: "HeartbeatInterval", to: value, in: model) == .rejected)
        #expect(store.text(.heartbeatInterval, in: model) == "60")
    }

    @Test func heartbeatIntervalBoundsAreAccepted() {
        var store = ConfigurationStore()
        #expect(store.change(name: "HeartbeatInterval", to: "10", in: model) == .accepted(.heartbeatInterval))
        #expect(store.change(name: "HeartbeatInterval", to: "86400", in: model) == .accepted(.heartbeatInterval))
    }

    @Test func aMeasurandListNamingAnUnsupportedMeasurandIsRejected() {
        var store = ConfigurationStore()
        let outcome = store.change(name: "MeterValuesSampledData", to: "Current.Import,Voltage", in: model)
        #expect(outcome == .rejected)
    }

    @Test func theNewFirmwareAcceptsVoltage() {
        var store = ConfigurationStore()
        let outcome = store.change(
            name: "MeterValuesSampledData", to: "Voltage,Current.Import", in: .greenUp1VENewFirmware)
        #expect(outcome == .accepted(.meterValuesSampledData))
    }

    @Test func aBooleanMustBeTrueOrFalse() {
        var store = ConfigurationStore()
        #expect(store.change(name: "LocalPreAuthorize", to: "yes", in: model) == .rejected)
        #expect(store.change(name: "LocalPreAuthorize", to: "TRUE", in: model) == .accepted(.localPreAuthorize))
    }

    @Test func keyNamesAreCaseInsensitive() {
        var store = ConfigurationStore()
        #expect(store.change(name: "heartbeatinterval", to: "120", in: model) == .accepted(.heartbeatInterval))
    }

    @Test func writingTheDefaultBackLeavesNoOverride() {
        var store = ConfigurationStore()
        _ = store.change(name: "HeartbeatInterval", to: "120", in: model)
        #expect(store.isOverridden(.heartbeatInterval))
        _ = store.change(name: "HeartbeatInterval", to: "60", in: model)
        #expect(!store.isOverridden(.heartbeatInterval))
    }
}
