// Clock and duration arithmetic on values a CSMS chose. A frame may carry any integer up to Int64.max or
// any finite double: such values saturate at the ends of Int64's range instead of trapping, so that one
// frame can never bring a fleet down. Deadlines past the end of time simply never come.
extension Int64 {
    /// `self + other`, held at `Int64.min` or `Int64.max` instead of overflowing.
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self - other`, held at `Int64.min` or `Int64.max` instead of overflowing.
    func saturatingSubtract(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    /// `self * other`, held at `Int64.min` or `Int64.max` instead of overflowing.
    func saturatingMultiply(_ other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }

    /// A count of seconds from the wire, in milliseconds.
    static func milliseconds(seconds: Int) -> Int64 {
        Int64(seconds).saturatingMultiply(1000)
    }

    /// A double rounded toward zero, held within Int64's range; NaN (which no JSON number gives) is 0.
    init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.223_372_036_854_775_807e18 {
            self = .max
        } else if value <= -9.223_372_036_854_775_808e18 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}
