// The station models, as data. This is the one file to edit to add or correct a model or a firmware
// variant: the logic reads everything from here. Values marked "(reading)" are the most likely reading of
// the OCR'd guide (/work/shared/greenup-station.md); values marked "(assumed)" are not in the guide.

extension StationModel {
    /// Every model the simulator can run, by ``name``.
    public static let catalog: [StationModel] = [greenUp1VE, greenUp2VE, greenUp1VENewFirmware, greenUp2VENewFirmware]

    /// Green'Up with one charging point: connectorId 1 is the T2S socket, 2 the domestic 2P+T socket.
    public static let greenUp1VE = greenUp(
        name: "greenup-1ve", connectors: [t2s(.right), domestic(.right)],
        firmware: legacyFirmware, upgrade: "greenup-1ve-fw2")

    /// Green'Up with two charging points: 1 T2S right, 2 2P+T right, 3 T2S left, 4 2P+T left.
    public static let greenUp2VE = greenUp(
        name: "greenup-2ve", connectors: [t2s(.right), domestic(.right), t2s(.left), domestic(.left)],
        firmware: legacyFirmware, upgrade: "greenup-2ve-fw2")

    /// The newer Green'Up firmware with the quirks reported from the field: Power.Active.Import in kW,
    /// Current.Import with phase N, Voltage with phase L1-N, ChargeProfileMaxStackLevel 100.
    public static let greenUp1VENewFirmware = greenUp(
        name: "greenup-1ve-fw2", connectors: [t2s(.right), domestic(.right)],
        firmware: newFirmware, upgrade: nil)

    /// The two-point Green'Up on the newer firmware (see ``greenUp1VENewFirmware``).
    public static let greenUp2VENewFirmware = greenUp(
        name: "greenup-2ve-fw2", connectors: [t2s(.right), domestic(.right), t2s(.left), domestic(.left)],
        firmware: newFirmware, upgrade: nil)

    private struct Firmware {
        let version: String
        let measurands: [SampledValueSpec]
        let maxStackLevel: String
    }

    /// The firmware of the guide's BootNotification, and the three values the guide's MeterValues show.
    private static let legacyFirmware = Firmware(
        version: "V01.01.65/V01.01.08",
        measurands: [
            SampledValueSpec("Current.Import", .current, unit: "A", location: "Outlet"),
            SampledValueSpec("Energy.Active.Import.Interval", .energyInterval, unit: "Wh"),
            SampledValueSpec("Power.Active.Export", .power, unit: "W", location: "Outlet"),
        ],
        maxStackLevel: "10")  // (reading) not printed in the guide

    private static let newFirmware = Firmware(
        version: "V01.17.00/V01.01.10",  // (assumed) the guide asks for V01.17.00 or later
        measurands: [
            SampledValueSpec("Current.Import", .current, unit: "A", phase: "N", location: "Outlet"),
            SampledValueSpec("Energy.Active.Import.Interval", .energyInterval, unit: "Wh"),
            SampledValueSpec("Power.Active.Import", .power, unit: "kW", location: "Outlet"),
            SampledValueSpec("Voltage", .voltage, unit: "V", phase: "L1-N", location: "Outlet"),
        ],
        maxStackLevel: "100")

    private static func t2s(_ side: ConnectorSpec.Side) -> ConnectorSpec {
        ConnectorSpec(socket: .t2s, side: side, maxCurrent: 32, phases: 3, hasLock: true)
    }

    private static func domestic(_ side: ConnectorSpec.Side) -> ConnectorSpec {
        ConnectorSpec(socket: .domestic, side: side, maxCurrent: 10, phases: 1, hasLock: false)
    }

    private static func greenUp(
        name: String, connectors: [ConnectorSpec], firmware: Firmware, upgrade: String?
    ) -> StationModel {
        let all = firmware.measurands.map(\.measurand).joined(separator: ",")
        // The guide's StopTransaction example carries only these two in its transactionData.
        let stopSampled = "Current.Import,Energy.Active.Import.Interval"
        let seconds = ValueKind.integer(0...86_400)
        let rules: [ConfigurationRule] = [
            .init(.allowOfflineTxForUnknownId, .accepted, .boolean, "false"),
            .init(.authorizationCacheEnabled, .accepted, .boolean, "false"),
            .init(.authorizeRemoteTxRequests, .accepted, .boolean, "true"),
            .init(.blinkRepeat, .accepted, seconds, "60"),
            .init(.clockAlignedDataInterval, .accepted, seconds, "0"),
            .init(.connectionTimeOut, .accepted, .integer(1...86_400), "60"),
            .init(.getConfigurationMaxKeys, .readOnly, seconds, "255"),
            // The range also bounds the interval of a BootNotification answer (assumed: clamped into it).
            .init(.heartbeatInterval, .accepted, .integer(10...86_400), "60"),
            .init(.lightIntensity, .rejected, .integer(0...100), "100"),
            .init(.localAuthorizeOffline, .accepted, .boolean, "false"),
            .init(.localPreAuthorize, .accepted, .boolean, "false"),
            .init(.maxEnergyOnInvalidId, .rejected, .integer(0...1_000_000), "0"),
            .init(.meterValuesAlignedData, .accepted, .measurands(maxLength: .meterValuesAlignedDataMaxLength), all),
            .init(.meterValuesAlignedDataMaxLength, .rejected, seconds, "50"),
            .init(.meterValuesSampledData, .accepted, .measurands(maxLength: .meterValuesSampledDataMaxLength), all),
            .init(.meterValuesSampledDataMaxLength, .rejected, seconds, "50"),
            .init(.meterValueSampleInterval, .accepted, .integer(10...86_400), "30"),  // (reading) 10 s minimum
            .init(.minimumStatusDuration, .accepted, seconds, "0"),
            .init(.numberOfConnectors, .readOnly, seconds, String(connectors.count)),
            .init(.resetRetries, .accepted, .integer(0...100), "1"),
            .init(.connectorPhaseRotation, .notSupported, .text, "Unknown"),
            .init(.connectorPhaseRotationMaxLength, .readOnly, seconds, "1"),
            .init(.stopTransactionOnEVSideDisconnect, .accepted, .boolean, "true"),
            .init(.stopTransactionOnInvalidId, .accepted, .boolean, "false"),
            .init(.stopTxnAlignedData, .accepted, .measurands(maxLength: .stopTxnAlignedDataMaxLength), all),
            .init(.stopTxnAlignedDataMaxLength, .readOnly, seconds, "10"),
            .init(.stopTxnSampledData, .accepted, .measurands(maxLength: .stopTxnSampledDataMaxLength), stopSampled),
            .init(.stopTxnSampledDataMaxLength, .readOnly, seconds, "10"),
            .init(
                .supportedFeatureProfiles, .readOnly, .text,
                "Core,FirmwareManagement,LocalAuthListManagement,RemoteTrigger,Reservation,SmartCharging"),
            .init(.supportedFeatureProfilesMaxLength, .readOnly, seconds, "6"),
            .init(.transactionMessageAttempts, .accepted, .integer(1...100), "3"),
            .init(.transactionMessageRetryInterval, .accepted, seconds, "10"),
            .init(.unlockConnectorOnEVSideDisconnect, .accepted, .boolean, "true"),
            .init(.webSocketPingInterval, .accepted, seconds, "300"),
            .init(.supportedFileTransferProtocols, .readOnly, .text, "FTP,SFTP,FTPS,HTTP,HTTPS"),

            .init(.localAuthListEnabled, .accepted, .boolean, "false"),
            .init(.localAuthListMaxLength, .readOnly, seconds, "500"),
            .init(.sendLocalListMaxLength, .readOnly, seconds, "500"),

            .init(.reserveConnectorZeroSupported, .readOnly, .boolean, "true"),

            .init(.chargeProfileMaxStackLevel, .readOnly, seconds, firmware.maxStackLevel),
            .init(.chargingScheduleAllowedChargingRateUnit, .readOnly, .text, "Current,Power"),
            .init(.chargingScheduleMaxPeriods, .readOnly, seconds, "100"),
            .init(.connectorSwitch3to1PhaseSupported, .readOnly, .boolean, "false"),
            .init(.maxChargingProfilesInstalled, .readOnly, seconds, "100"),

            .init(.chargingStationMaxLimit, .accepted, .integer(0...1_000), "32"),  // (assumed) amperes
            .init(.confBasicTime, .accepted, .integer(1...3_600), "10"),  // (reading) seconds
            .init(.confAuthorizeTime, .accepted, .integer(1...3_600), "20"),  // (reading) seconds
            // (reading) seconds; the range also bounds the retry interval of a Pending or Rejected answer (assumed)
            .init(.confBottNotificationTime, .accepted, .integer(1...86_400), "30"),
            .init(.defaultIdTag1, .readOnly, .text, "LEGRAND001"),
            .init(.defaultIdTag2, .readOnly, .text, "LEGRAND002"),
            .init(.maxCurrentInstallationRight, .readOnly, seconds, "32"),  // (assumed)
            .init(.maxCurrentInstallationLeft, .readOnly, seconds, "32"),  // (assumed)
            .init(.maxCurrentCableRight, .readOnly, seconds, "32"),  // (assumed)
            .init(.maxCurrentCableLeft, .readOnly, seconds, "32"),  // (assumed)
            .init(.meterType, .readOnly, .text, "Internal"),
            .init(.networkEthernetAddress, .readOnly, .text, "192.168.1.200"),  // the kit's default address
            .init(.networkEthernetNetmask, .readOnly, .text, "255.255.255.0"),  // (assumed)
            .init(.networkEthernetGateway, .readOnly, .text, "192.168.1.1"),  // (assumed)
            .init(.networkWiFiAddress, .readOnly, .text, ""),
            .init(.networkWiFiNetmask, .readOnly, .text, ""),
            .init(.networkWiFiGateway, .readOnly, .text, ""),
            .init(.oCPPPlugAndCharge, .accepted, .boolean, "false"),
            .init(.serverReconnectionTime, .accepted, .integer(1...86_400), "30"),
            .init(.uiD, .accepted, .text, "Null"),
            .init(.url, .accepted, .text, "Null"),
        ]
        return StationModel(
            name: name, vendor: "Legrand", model: "059004", firmwareVersion: firmware.version,
            meterType: "internal", connectors: connectors, measurands: firmware.measurands, rules: rules,
            utcOffsetMinutes: 120,  // the guide's examples are all +02:00
            bootsOnReconnect: true,  // (assumed) the OCPP stack restarts with the link
            timings: Timings(
                boot: 30_000, resetGrace: 2_000, diagnosticsUpload: 15_000,  // (assumed)
                firmwareDownload: 60_000, firmwareInstall: 120_000),  // (assumed)
            firmwareUpgrade: upgrade,
            adoptsCSMSTime: true,  // (assumed) the guide does not say; OCPP 1.6 advises it and stations do it
            // (assumed) a year, leap or not; refused too: negative times or limits, numberPhases outside 1-3
            maxScheduleSeconds: 366 * 86_400)
    }
}
