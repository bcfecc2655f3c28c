/// Every configuration key a Green'Up knows, spelled as the guide spells them (`confBottNotificationTime`
/// included). The order is the guide's: Core, Local auth list, Reservation, Smart charging, Legrand.
public enum ConfigurationKey: String, CaseIterable, Sendable {
    // Core profile
    case allowOfflineTxForUnknownId = "AllowOfflineTxForUnknownId"
    case authorizationCacheEnabled = "AuthorizationCacheEnabled"
    case authorizeRemoteTxRequests = "AuthorizeRemoteTxRequests"
    case blinkRepeat = "BlinkRepeat"
    case clockAlignedDataInterval = "ClockAlignedDataInterval"
    case connectionTimeOut = "ConnectionTimeOut"
    case getConfigurationMaxKeys = "GetConfigurationMaxKeys"
    case heartbeatInterval = "HeartbeatInterval"
    case lightIntensity = "LightIntensity"
    case localAuthorizeOffline = "LocalAuthorizeOffline"
    case localPreAuthorize = "LocalPreAuthorize"
    case maxEnergyOnInvalidId = "MaxEnergyOnInvalidId"
    case meterValuesAlignedData = "MeterValuesAlignedData"
    case meterValuesAlignedDataMaxLength = "MeterValuesAlignedDataMaxLength"
    case meterValuesSampledData = "MeterValuesSampledData"
    case meterValuesSampledDataMaxLength = "MeterValuesSampledDataMaxLength"
    case meterValueSampleInterval = "MeterValueSampleInterval"
    case minimumStatusDuration = "MinimumStatusDuration"
    case numberOfConnectors = "NumberOfConnectors"
    case resetRetries = "ResetRetries"
    case connectorPhaseRotation = "ConnectorPhaseRotation"
    case connectorPhaseRotationMaxLength = "ConnectorPhaseRotationMaxLength"
    case stopTransactionOnEVSideDisconnect = "StopTransactionOnEVSideDisconnect"
    case stopTransactionOnInvalidId = "StopTransactionOnInvalidId"
    case stopTxnAlignedData = "StopTxnAlignedData"
    case stopTxnAlignedDataMaxLength = "StopTxnAlignedDataMaxLength"
    case stopTxnSampledData = "StopTxnSampledData"
    case stopTxnSampledDataMaxLength = "StopTxnSampledDataMaxLength"
    case supportedFeatureProfiles = "SupportedFeatureProfiles"
    case supportedFeatureProfilesMaxLength = "SupportedFeatureProfilesMaxLength"
    case transactionMessageAttempts = "TransactionMessageAttempts"
    case transactionMessageRetryInterval = "TransactionMessageRetryInterval"
    case unlockConnectorOnEVSideDisconnect = "UnlockConnectorOnEVSideDisconnect"
    case webSocketPingInterval = "WebSocketPingInterval"
    case supportedFileTransferProtocols = "SupportedFileTransferProtocols"
    // Local auth list management profile
    case localAuthListEnabled = "LocalAuthListEnabled"
    case localAuthListMaxLength = "LocalAuthListMaxLength"
    case sendLocalListMaxLength = "SendLocalListMaxLength"
    // Reservation profile
    case reserveConnectorZeroSupported = "ReserveConnectorZeroSupported"
    // Smart charging profile
    case chargeProfileMaxStackLevel = "ChargeProfileMaxStackLevel"
    case chargingScheduleAllowedChargingRateUnit = "ChargingScheduleAllowedChargingRateUnit"
    case chargingScheduleMaxPeriods = "ChargingScheduleMaxPeriods"
    case connectorSwitch3to1PhaseSupported = "ConnectorSwitch3to1PhaseSupported"
    case maxChargingProfilesInstalled = "MaxChargingProfilesInstalled"
    // Legrand profile
    case chargingStationMaxLimit = "chargingStationMaxLimit"
    case confBasicTime = "confBasicTime"
    case confAuthorizeTime = "confAuthorizeTime"
    case confBottNotificationTime = "confBottNotificationTime"
    case defaultIdTag1 = "defaultIdTag1"
    case defaultIdTag2 = "defaultIdTag2"
    case maxCurrentInstallationRight = "MaxCurrentInstallationRight"
    case maxCurrentInstallationLeft = "MaxCurrentInstallationLeft"
    case maxCurrentCableRight = "MaxCurrentCableRight"
    case maxCurrentCableLeft = "MaxCurrentCableLeft"
    case meterType = "MeterType"
    case networkEthernetAddress = "networkEthernetAddress"
    case networkEthernetNetmask = "networkEthernetNetmask"
    case networkEthernetGateway = "networkEthernetGateway"
    case networkWiFiAddress = "networkWiFiAddress"
    case networkWiFiNetmask = "networkWiFiNetmask"
    case networkWiFiGateway = "networkWiFiGateway"
    case oCPPPlugAndCharge = "oCPPPlugAndCharge"
    case serverReconnectionTime = "serverReconnectionTime"
    case uiD = "uiD"
    case url = "URL"

    /// OCPP says key names are case-insensitive, so a CSMS asking for `heartbeatinterval` is served.
    public init?(name: String) {
        guard let key = Self.byLowercasedName[name.lowercased()] else { return nil }
        self = key
    }

    private static let byLowercasedName: [String: ConfigurationKey] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })

    /// The key's place in ``allCases``: a case without payload is stored as its index in declaration
    /// order (Swift's type layout), the order of `allCases`; read without hashing the key's name.
    var index: Int { Int(withUnsafeBytes(of: self) { $0[0] }) }
}
