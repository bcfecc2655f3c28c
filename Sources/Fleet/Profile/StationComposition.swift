/// What the stations of a fleet are: how they are named, which models and which firmware.
public struct StationComposition: Sendable, Equatable {
    /// How many stations to run when the command line does not say; `nil` leaves it to the caller.
    public var count: Int?
    /// The identifier pattern: `{n}` is the station's number (1-based), `{n:6}` the same padded with
    /// zeros to 6 digits. The default, `GU{n:6}`, names the first station `GU000001`.
    public var idPattern: String
    /// The models and their shares of the fleet (shares sum to 1).
    public var models: [Weighted<GreenUpModel>]
    /// The firmware versions and their shares of the fleet (shares sum to 1).
    public var firmware: [Weighted<FirmwareVariant>]

    /// The default pattern: `GU` and the station number on 6 digits.
    public static let defaultIDPattern = "GU{n:6}"

    /// The identifier (chargeBoxId) of the station at `index` (0-based) under `pattern`.
    public static func stationID(pattern: String, index: Int) -> String {
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let placeholder = rest[rest.index(after: open)..<close]
            let number = String(index + 1)
            if let colon = placeholder.firstIndex(of: ":"),
                let width = Int(placeholder[placeholder.index(after: colon)...])
            {
                result += String(repeating: "0", count: max(0, width - number.count)) + number
            } else {
                result += number
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The identifier (chargeBoxId) of the station at `index` (0-based).
    public func stationID(index: Int) -> String {
        Self.stationID(pattern: idPattern, index: index)
    }
}
