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

    /// The key's place in ``allCases``, read without hashing the key's name. The compiler turns this
    /// switch into the case's stored tag, which is that same number, with no unsafe pointer.
    var index: Int {
        switch self {
        case .allowOfflineTxForUnknownId: 0
        case .authorizationCacheEnabled: 1
        case .authorizeRemoteTxRequests: 2
        case .blinkRepeat: 3
        case .clockAlignedDataInterval: 4
        case .connectionTimeOut: 5
        case .getConfigurationMaxKeys: 6
        case .heartbeatInterval: 7
        case .lightIntensity: 8
        case .localAuthorizeOffline: 9
        case .localPreAuthorize: 10
        case .maxEnergyOnInvalidId: 11
        case .meterValuesAlignedData: 12
        case .meterValuesAlignedDataMaxLength: 13
        case .meterValuesSampledData: 14
        case .meterValuesSampledDataMaxLength: 15
        case .meterValueSampleInterval: 16
        case .minimumStatusDuration: 17
        case .numberOfConnectors: 18
        case .resetRetries: 19
        case .connectorPhaseRotation: 20
        case .connectorPhaseRotationMaxLength: 21
        case .stopTransactionOnEVSideDisconnect: 22
        case .stopTransactionOnInvalidId: 23
        case .stopTxnAlignedData: 24
        case .stopTxnAlignedDataMaxLength: 25
        case .stopTxnSampledData: 26
        case .stopTxnSampledDataMaxLength: 27
        case .supportedFeatureProfiles: 28
        case .supportedFeatureProfilesMaxLength: 29
        case .transactionMessageAttempts: 30
        case .transactionMessageRetryInterval: 31
        case .unlockConnectorOnEVSideDisconnect: 32
        case .webSocketPingInterval: 33
        case .supportedFileTransferProtocols: 34
        case .localAuthListEnabled: 35
        case .localAuthListMaxLength: 36
        case .sendLocalListMaxLength: 37
        case .reserveConnectorZeroSupported: 38
        case .chargeProfileMaxStackLevel: 39
        case .chargingScheduleAllowedChargingRateUnit: 40
        case .chargingScheduleMaxPeriods: 41
        case .connectorSwitch3to1PhaseSupported: 42
        case .maxChargingProfilesInstalled: 43
        case .chargingStationMaxLimit: 44
        case .confBasicTime: 45
        case .confAuthorizeTime: 46
        case .confBottNotificationTime: 47
        case .defaultIdTag1: 48
        case .defaultIdTag2: 49
        case .maxCurrentInstallationRight: 50
        case .maxCurrentInstallationLeft: 51
        case .maxCurrentCableRight: 52
        case .maxCurrentCableLeft: 53
        case .meterType: 54
        case .networkEthernetAddress: 55
        case .networkEthernetNetmask: 56
        case .networkEthernetGateway: 57
        case .networkWiFiAddress: 58
        case .networkWiFiNetmask: 59
        case .networkWiFiGateway: 60
        case .oCPPPlugAndCharge: 61
        case .serverReconnectionTime: 62
        case .uiD: 63
        case .url: 64
        }
    }
}
