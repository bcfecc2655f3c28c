import OCPP

/// The state of one connector (index 0 is the station as a whole, which only has a status).
///
/// An idle connector is a few dozen bytes: what an EV, a driver or a reservation brings
/// (``ConnectorOccupancy``) is allocated when one comes and given back when the last leaves.
struct Connector: Sendable {
    var status: ChargePointStatus = .available
    /// The last status queued for the CSMS, and when.
    var reportedStatus: ChargePointStatus?
    /// The errorCode of that StatusNotification, when it was Faulted.
    var reportedFault: ChargePointErrorCode?
    var operative = true
    /// ChangeAvailability received during a transaction, applied when it ends.
    var scheduledOperative: Bool?
    /// The EV stays plugged after its transaction ended.
    var finished = false
    /// The fault the connector reports (never NoError); it is Faulted while this is set.
    var fault: ChargePointErrorCode?
    var reportedAt: Int64 = .min
    var meter = EnergyMeter()
    /// The power the station offers the EV (cap from sockets, limits and profiles), in watts.
    var offeredW: Double = 0
    /// No element while idle, one while occupied: an array, so that the connector stays a value (copied
    /// on write) with one word of its own for it.
    private var occupancy: [ConnectorOccupancy] = []

    var ev: EVCharacteristics? {
        get { occupancy.first?.ev }
        set { occupy { $0.ev = newValue } }
    }

    var transaction: Transaction? {
        get { occupancy.first?.transaction }
        set { occupy { $0.transaction = newValue } }
    }

    /// A driver authorized (badge or remote start) before plugging in.
    var authorizedDriver: Driver? {
        get { occupancy.first?.authorizedDriver }
        set { occupy { $0.authorizedDriver = newValue } }
    }

    /// A driver whose badge is being checked with Authorize.
    var authorizing: Driver? {
        get { occupancy.first?.authorizing }
        set { occupy { $0.authorizing = newValue } }
    }

    var reservation: Reservation? {
        get { occupancy.first?.reservation }
        set { occupy { $0.reservation = newValue } }
    }

    /// Whether the connector holds storage for an EV, a driver or a reservation.
    var isOccupied: Bool { !occupancy.isEmpty }

    /// Notes the register at the transaction's latest sample, in place: through ``transaction`` the
    /// transaction would be copied out (its strings retained) and written back at each sample.
    mutating func noteSample(registerWh: Double) {
        guard !occupancy.isEmpty else { return }
        occupancy[0].transaction?.lastSampleWh = registerWh
    }

    private mutating func occupy(_ change: (inout ConnectorOccupancy) -> Void) {
        guard !occupancy.isEmpty else {
            var first = ConnectorOccupancy()
            change(&first)
            if !first.isEmpty { occupancy = [first] }
            return
        }
        change(&occupancy[0])
        if occupancy[0].isEmpty { occupancy = [] }
    }
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
