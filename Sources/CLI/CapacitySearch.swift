/// Which fleet sizes a capacity search tries: `step`, `2 × step`, … until a size fails, then halves the gap
/// between the largest size that passed and the smallest that failed until it is within the resolution.
///
/// The search assumes the CSMS's response is monotonic (a size that fails would fail larger too): every
/// size it tries lies between the largest passed and the smallest failed so far, so the knee it ends with
/// is bracketed by one size that passed and one that failed.
///
/// ```swift
/// var search = CapacitySearch(step: 500, maxStations: 50_000, resolution: .share(0.05))
/// while let size = search.next() { search.record(size, passed: runStep(size)) }
/// search.largestPassed      // the capacity
/// ```
struct CapacitySearch: Sendable, Equatable {
    /// How close the search brings the sizes that passed and failed before it stops.
    enum Resolution: Sendable, Equatable {
        /// A share of the size that passed (`5%`): the gap is at most this share of it.
        case share(Double)
        /// A number of stations.
        case stations(Int)
    }

    /// Why a size is tried: to find where the SLOs start failing, or to narrow it down.
    enum Phase: String, Sendable {
        case grow
        case bisect
    }

    let step: Int
    let maxStations: Int
    let resolution: Resolution
    /// The largest size that met every SLO so far.
    private(set) var largestPassed: Int?
    /// The smallest size that missed one.
    private(set) var smallestFailed: Int?

    init(step: Int, maxStations: Int, resolution: Resolution) {
        self.step = step
        self.maxStations = maxStations
        self.resolution = resolution
    }

    /// The phase the next size belongs to.
    var phase: Phase { smallestFailed == nil ? .grow : .bisect }

    /// The next size to try, or `nil` when the search is over: the knee is within the resolution, the
    /// first size failed (there is nothing below it to bisect), or every size up to the maximum passed.
    func next() -> Int? {
        guard let failed = smallestFailed else {
            let passed = largestPassed ?? 0
            return passed >= maxStations ? nil : min(passed + step, maxStations)
        }
        guard let passed = largestPassed, failed - passed > gapAllowed(passed: passed) else { return nil }
        return passed + (failed - passed) / 2
    }

    /// Records how a size did.
    mutating func record(_ stations: Int, passed: Bool) {
        if passed {
            largestPassed = max(largestPassed ?? 0, stations)
        } else {
            smallestFailed = min(smallestFailed ?? .max, stations)
        }
    }

    /// The widest gap between passed and failed sizes that ends the search: never below one station.
    func gapAllowed(passed: Int) -> Int {
        switch resolution {
        case .share(let share): max(1, Int(Double(passed) * share))
        case .stations(let stations): max(1, stations)
        }
    }

    /// Reads `5%` (a share of the capacity) or `50` (stations).
    static func resolution(_ text: String) throws(ValueError) -> Resolution {
        if text.hasSuffix("%") {
            guard let percent = Double(text.dropLast()), percent > 0, percent < 100 else {
                throw ValueError(expected: "a share above 0% and below 100%, such as 5%, or a number of stations")
            }
            return .share(percent / 100)
        }
        guard let stations = Int(text), stations > 0 else {
            throw ValueError(expected: "a share such as 5%, or a number of stations above 0")
        }
        return .stations(stations)
    }
}
