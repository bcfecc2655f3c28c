import OCPP

/// One payload of every message of both directions, each with every optional field set, plus the
/// smallest valid form of those with optional fields, and the Green'Up's own messages.
struct Sample: CustomStringConvertible, Sendable {
    /// The official schema's name: the action, or the action followed by `Response`.
    let schema: String
    let json: [UInt8]
    let decodesBackEqual: @Sendable () -> Bool

    init<Payload: OCPPPayload>(_ schema: String, _ value: Payload) {
        self.schema = schema
        let json = value.jsonBytes
        self.json = json
        decodesBackEqual = { (try? Payload(decodingJSON: json)) == value }
    }

    var description: String { "\(schema) \(String(decoding: json, as: UTF8.self))" }
}

enum Samples {
    static let time = OCPPDateTime(millisecondsSinceEpoch: 1_555_683_943_083, utcOffsetMinutes: 120)
    static let utc = OCPPDateTime(millisecondsSinceEpoch: 1_700_000_000_000)
    static let idTagInfo = IdTagInfo(expiryDate: utc, parentIdTag: "PARENT-01", status: .accepted)

    static let greenUpMeterValues = MeterValuesRequest(
        connectorId: 1, transactionId: 42,
        meterValue: [
            MeterValue(timestamp: time, sampledValue: [
                SampledValue(value: "15.9", context: .sampleClock, format: .raw, measurand: .currentImport,
                             location: .outlet, unit: .a),
                SampledValue(value: "120", context: .sampleClock, format: .raw,
                             measurand: .energyActiveImportInterval, unit: .wh),
                SampledValue(value: "3657", context: .sampleClock, format: .raw, measurand: .powerActiveExport,
                             location: .outlet, unit: .w),
            ])
        ])

    static let chargingProfile = ChargingProfile(
        chargingProfileId: 7, transactionId: 42, stackLevel: 1, chargingProfilePurpose: .txProfile,
        chargingProfileKind: .recurring, recurrencyKind: .daily, validFrom: utc, validTo: time,
        chargingSchedule: ChargingSchedule(
            duration: 3600, startSchedule: utc, chargingRateUnit: .a,
            chargingSchedulePeriod: [
                ChargingSchedulePeriod(startPeriod: 0, limit: 32, numberPhases: 3),
                ChargingSchedulePeriod(startPeriod: 1800, limit: 10.5),
            ],
            minChargingRate: 6.1))

    static let stationToCSMS: [Sample] = [
        Sample("Authorize", AuthorizeRequest(idTag: "BADGE-0001")),
        Sample("AuthorizeResponse", AuthorizeResponse(idTagInfo: idTagInfo)),
        Sample("AuthorizeResponse", AuthorizeResponse(idTagInfo: IdTagInfo(status: .concurrentTx))),
        Sample("BootNotification", BootNotificationRequest(
            chargePointVendor: "Legrand", chargePointModel: "059004", chargePointSerialNumber: "SN-1",
            chargeBoxSerialNumber: "260988", firmwareVersion: "V01.01.65/V01.01.08", iccid: "8933", imsi: "2080",
            meterType: "internal", meterSerialNumber: "M-1")),
        Sample("BootNotification", BootNotificationRequest(chargePointVendor: "Legrand", chargePointModel: "059004")),
        Sample("BootNotificationResponse", BootNotificationResponse(status: .accepted, currentTime: utc, interval: 60)),
        Sample("DataTransfer", DataTransferRequest(vendorId: "Legrand", messageId: "Probe", data: "{\"a\":\"\\\"é\"}")),
        Sample("DataTransfer", DataTransferRequest(vendorId: "Legrand")),
        Sample("DataTransferResponse", DataTransferResponse(status: .unknownVendorId, data: "line\nbreak\u{1}")),
        Sample("DiagnosticsStatusNotification", DiagnosticsStatusNotificationRequest(status: .uploadFailed)),
        Sample("DiagnosticsStatusNotificationResponse", DiagnosticsStatusNotificationResponse()),
        Sample("FirmwareStatusNotification", FirmwareStatusNotificationRequest(status: .installationFailed)),
        Sample("FirmwareStatusNotificationResponse", FirmwareStatusNotificationResponse()),
        Sample("Heartbeat", HeartbeatRequest()),
        Sample("HeartbeatResponse", HeartbeatResponse(currentTime: time)),
        Sample("MeterValues", greenUpMeterValues),
        Sample("MeterValues", MeterValuesRequest(
            connectorId: 0,
            meterValue: [MeterValue(timestamp: utc, sampledValue: [
                SampledValue(value: "50", context: .trigger, format: .signedData, measurand: .frequency,
                             phase: .l1N, location: .body, unit: .hertz),
                SampledValue(value: "21", measurand: .temperature, phase: .l3L1, location: .ev, unit: .celcius),
                SampledValue(value: "80", measurand: .soc, unit: .percent),
            ])])),
        Sample("MeterValuesResponse", MeterValuesResponse()),
        Sample("StartTransaction", StartTransactionRequest(
            connectorId: 2, idTag: "BADGE-0001", meterStart: 0, reservationId: 0, timestamp: time)),
        Sample("StartTransaction", StartTransactionRequest(connectorId: 1, idTag: "X", meterStart: 1500, timestamp: utc)),
        Sample("StartTransactionResponse", StartTransactionResponse(idTagInfo: idTagInfo, transactionId: 2_147_483_647)),
        Sample("StatusNotification", StatusNotificationRequest(
            connectorId: 2, errorCode: .noError, info: "No failure", status: .suspendedEVSE, timestamp: time,
            vendorId: "Legrand", vendorErrorCode: "E0")),
        Sample("StatusNotification", StatusNotificationRequest(connectorId: 0, errorCode: .evCommunicationError,
                                                               status: .faulted)),
        Sample("StatusNotificationResponse", StatusNotificationResponse()),
        Sample("StopTransaction", StopTransactionRequest(
            idTag: "BADGE-0001", meterStop: 16, timestamp: time, transactionId: 42, reason: .local,
            transactionData: [MeterValue(timestamp: time, sampledValue: [
                SampledValue(value: "16", context: .interruptionEnd, format: .raw,
                             measurand: .energyActiveImportRegister, unit: .wh),
            ])])),
        Sample("StopTransaction", StopTransactionRequest(meterStop: -5, timestamp: utc, transactionId: -1)),
        Sample("StopTransactionResponse", StopTransactionResponse(idTagInfo: idTagInfo)),
        Sample("StopTransactionResponse", StopTransactionResponse()),
    ]

    static let csmsToStation: [Sample] = [
        Sample("CancelReservation", CancelReservationRequest(reservationId: 3)),
        Sample("CancelReservationResponse", CancelReservationResponse(status: .rejected)),
        Sample("ChangeAvailability", ChangeAvailabilityRequest(connectorId: 0, type: .inoperative)),
        Sample("ChangeAvailabilityResponse", ChangeAvailabilityResponse(status: .scheduled)),
        Sample("ChangeConfiguration", ChangeConfigurationRequest(key: "HeartbeatInterval", value: "300")),
        Sample("ChangeConfigurationResponse", ChangeConfigurationResponse(status: .rebootRequired)),
        Sample("ClearCache", ClearCacheRequest()),
        Sample("ClearCacheResponse", ClearCacheResponse(status: .accepted)),
        Sample("ClearChargingProfile", ClearChargingProfileRequest(
            id: 7, connectorId: 1, chargingProfilePurpose: .chargePointMaxProfile, stackLevel: 2)),
        Sample("ClearChargingProfile", ClearChargingProfileRequest()),
        Sample("ClearChargingProfileResponse", ClearChargingProfileResponse(status: .unknown)),
        Sample("DataTransfer", DataTransferRequest(vendorId: "com.example", messageId: "SetPrice", data: "0.25")),
        Sample("DataTransferResponse", DataTransferResponse(status: .accepted)),
        Sample("GetCompositeSchedule", GetCompositeScheduleRequest(connectorId: 1, duration: 86400, chargingRateUnit: .w)),
        Sample("GetCompositeSchedule", GetCompositeScheduleRequest(connectorId: 0, duration: 60)),
        Sample("GetCompositeScheduleResponse", GetCompositeScheduleResponse(
            status: .accepted, connectorId: 1, scheduleStart: utc, chargingSchedule: chargingProfile.chargingSchedule)),
        Sample("GetCompositeScheduleResponse", GetCompositeScheduleResponse(status: .rejected)),
        Sample("GetConfiguration", GetConfigurationRequest(key: ["HeartbeatInterval", "MeterValueSampleInterval"])),
        Sample("GetConfiguration", GetConfigurationRequest()),
        Sample("GetConfigurationResponse", GetConfigurationResponse(
            configurationKey: [KeyValue(key: "HeartbeatInterval", readonly: false, value: "60"),
                               KeyValue(key: "NumberOfConnectors", readonly: true)],
            unknownKey: ["Bogus"])),
        Sample("GetConfigurationResponse", GetConfigurationResponse()),
        Sample("GetDiagnostics", GetDiagnosticsRequest(
            location: "ftp://user:pw@example.com/diag/", retries: 3, retryInterval: 60, startTime: utc, stopTime: time)),
        Sample("GetDiagnostics", GetDiagnosticsRequest(location: "https://example.com/upload")),
        Sample("GetDiagnosticsResponse", GetDiagnosticsResponse(fileName: "diag-260988.tar.gz")),
        Sample("GetDiagnosticsResponse", GetDiagnosticsResponse()),
        Sample("GetLocalListVersion", GetLocalListVersionRequest()),
        Sample("GetLocalListVersionResponse", GetLocalListVersionResponse(listVersion: -1)),
        Sample("RemoteStartTransaction", RemoteStartTransactionRequest(
            connectorId: 1, idTag: "BADGE-0002", chargingProfile: chargingProfile)),
        Sample("RemoteStartTransaction", RemoteStartTransactionRequest(idTag: "BADGE-0002")),
        Sample("RemoteStartTransactionResponse", RemoteStartTransactionResponse(status: .accepted)),
        Sample("RemoteStopTransaction", RemoteStopTransactionRequest(transactionId: 42)),
        Sample("RemoteStopTransactionResponse", RemoteStopTransactionResponse(status: .rejected)),
        Sample("ReserveNow", ReserveNowRequest(
            connectorId: 0, expiryDate: time, idTag: "BADGE-0003", parentIdTag: "PARENT-01", reservationId: 9)),
        Sample("ReserveNow", ReserveNowRequest(connectorId: 2, expiryDate: utc, idTag: "B", reservationId: 10)),
        Sample("ReserveNowResponse", ReserveNowResponse(status: .occupied)),
        Sample("Reset", ResetRequest(type: .hard)),
        Sample("ResetResponse", ResetResponse(status: .accepted)),
        Sample("SendLocalList", SendLocalListRequest(
            listVersion: 5,
            localAuthorizationList: [AuthorizationData(idTag: "BADGE-0001", idTagInfo: idTagInfo),
                                     AuthorizationData(idTag: "BADGE-0009")],
            updateType: .differential)),
        Sample("SendLocalList", SendLocalListRequest(listVersion: 1, updateType: .full)),
        Sample("SendLocalListResponse", SendLocalListResponse(status: .versionMismatch)),
        Sample("SetChargingProfile", SetChargingProfileRequest(connectorId: 1, csChargingProfiles: chargingProfile)),
        Sample("SetChargingProfile", SetChargingProfileRequest(
            connectorId: 0, csChargingProfiles: ChargingProfile(
                chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: .chargePointMaxProfile,
                chargingProfileKind: .absolute,
                chargingSchedule: ChargingSchedule(
                    chargingRateUnit: .w, chargingSchedulePeriod: [ChargingSchedulePeriod(startPeriod: 0, limit: 22000)])))),
        Sample("SetChargingProfileResponse", SetChargingProfileResponse(status: .notSupported)),
        Sample("TriggerMessage", TriggerMessageRequest(requestedMessage: .statusNotification, connectorId: 1)),
        Sample("TriggerMessage", TriggerMessageRequest(requestedMessage: .bootNotification)),
        Sample("TriggerMessageResponse", TriggerMessageResponse(status: .notImplemented)),
        Sample("UnlockConnector", UnlockConnectorRequest(connectorId: 2)),
        Sample("UnlockConnectorResponse", UnlockConnectorResponse(status: .unlockFailed)),
        Sample("UpdateFirmware", UpdateFirmwareRequest(
            location: "https://example.com/fw.bin", retries: 2, retrieveDate: utc, retryInterval: 30)),
        Sample("UpdateFirmware", UpdateFirmwareRequest(location: "ftp://example.com/fw.bin", retrieveDate: time)),
        Sample("UpdateFirmwareResponse", UpdateFirmwareResponse()),
    ]

    static let all = stationToCSMS + csmsToStation
}
