import OCPP

/// The state of one connector (index 0 is the station as a whole, which only has a status).
struct Connector: Sendable {
    var status: ChargePointStatus = .available
    /// The last status queued for the CSMS, and when.
    var reportedStatus: ChargePointStatus?
    /// The errorCode of that StatusNotification, when it was Faulted.
    var reportedFault: ChargePointErrorCode?
    var reportedAt: Int64 = .min
    var operative = true
    /// ChangeAvailability received during a transaction, applied when it ends.
    var scheduledOperative: Bool?
    var ev: EVCharacteristics?
    var meter = EnergyMeter()
    /// The power the station offers the EV (cap from sockets, limits and profiles), in watts.
    var offeredW: Double = 0
    var transaction: Transaction?
    /// A driver authorized (badge or remote start) before plugging in.
    var authorizedDriver: Driver?
    /// A driver whose badge is being checked with Authorize.
    var authorizing: Driver?
    /// The EV stays plugged after its transaction ended.
    var finished = false
    var reservation: Reservation?
    /// The fault the connector reports (never NoError); it is Faulted while this is set.
    var fault: ChargePointErrorCode?
}

/// A driver's idTag with the group it belongs to.
struct Driver: Sendable, Equatable {
    var idTag: String
    var parentIdTag: String?
}

struct Transaction: Sendable {
    /// The station's own number for the transaction, valid before the CSMS gives its transactionId.
    var local: UInt32
    var id: Int?
    var driver: Driver
    var meterStart: Int
    var startRegisterWh: Double
    /// When it started on the station's clock (as its StartTransaction says), where a Relative schedule starts.
    var start: Int64
    /// The register at the previous sample, for Energy.Active.Import.Interval.
    var lastSampleWh: Double
    /// The CSMS refused the idTag (StartTransaction answer) and StopTransactionOnInvalidId is false.
    var deauthorized = false
    /// The StartTransaction was given up: the CSMS will never know this transaction.
    var lost = false
}

struct Reservation: Sendable, Equatable {
    var id: Int
    var driver: Driver
    /// ReserveNow's expiryDate, on the station's clock.
    var expiry: Int64

    func admits(_ driver: Driver) -> Bool {
        driver.idTag == self.driver.idTag
            || (self.driver.parentIdTag != nil && driver.parentIdTag == self.driver.parentIdTag)
    }
}
