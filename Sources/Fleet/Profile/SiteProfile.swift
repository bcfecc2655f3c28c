/// A kind of site (homes, a workplace car park...) with the habits of the EVs that come to it.
public struct SiteProfile: Sendable, Equatable {
    /// A short name (`home`, `work`), used in reports.
    public var name: String
    /// The share of the fleet's stations standing at such sites.
    public var share: Double
    /// When EVs arrive at each charging point.
    public var arrivals: ArrivalModel
    /// How long an EV stays plugged in, in minutes.
    public var dwellMinutes: ValueDistribution
    /// How much energy an EV wants, in kWh; it stops drawing once served, and may leave before.
    public var energyKWh: ValueDistribution
    /// The EVs and their shares (shares sum to 1).
    public var evs: [Weighted<EVType>]
    /// Which badges drivers present (shares sum to 1).
    public var badges: BadgeMix
    /// The share of stations that start a transaction on plug-in, without a badge (their
    /// `oCPPPlugAndCharge` key is on).
    public var plugAndChargeShare: Double
    /// At the other stations, the share of sessions started by the CSMS (RemoteStartTransaction) rather
    /// than by a badge.
    public var remoteStartShare: Double
    /// The share of EVs that use the domestic socket (2P+T, connector 2 or 4) instead of the T2S one.
    public var domesticSocketShare: Double
}
