import JSON

/// An OCPP `dateTime`: an instant, in milliseconds since the Unix epoch, and the UTC offset it is
/// shown in.
///
/// Written the way the Green'Up writes it, local time with milliseconds and an offset
/// (`2019-04-19T16:25:43.083+02:00`); read from any RFC 3339 form (`Z` or an offset, `T` or `t`,
/// 0 to 9 fraction digits, digits past the millisecond dropped). Other layers keep time as `Int64`
/// milliseconds: `OCPPDateTime(millisecondsSinceEpoch: now)` and ``millisecondsSinceEpoch`` convert.
/// Two values are equal when both the instant and the offset are.
public struct OCPPDateTime: Sendable, Hashable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64
    /// The offset from UTC of the local time it is written in, in minutes (`+02:00` is 120).
    public var utcOffsetMinutes: Int

    /// The local times written and read back: years 0001 to 9999.
    static let writableMilliseconds: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// Creates a date-time.
    /// - Parameters:
    ///   - millisecondsSinceEpoch: the instant, in milliseconds since the Unix epoch.
    ///   - utcOffsetMinutes: the offset to write it with, within ±23:59; 0 writes `+00:00`.
    public init(millisecondsSinceEpoch: Int64, utcOffsetMinutes: Int = 0) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
        self.utcOffsetMinutes = max(-1439, min(1439, utcOffsetMinutes))
    }

    /// Parses an RFC 3339 date-time of a year from 0001 to 9999, or returns nil.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ OCPPDateTime(rfc3339: $0) }) else { return nil }
        self = parsed
    }

    /// The RFC 3339 text, as ``JSONWriter`` writes it.
    public var description: String {
        var bytes: [UInt8] = []
        write(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads an RFC 3339 date-time whose year is in `years`. Any such text converts exactly: the
    /// instant it names, within a day of years 0001 to 9999, is far inside `Int64` milliseconds.
    init?(rfc3339 text: UnsafeBufferPointer<UInt8>, years: ClosedRange<Int> = 1...9999) {
        // yyyy-mm-ddThh:mm:ss[.f{1,9}](Z|±hh:mm)
        guard text.count >= 20 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for position in from..<(from + count) {
                let digit = text[position] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0, 4), text[4] == UInt8(ascii: "-"), let month = number(5, 2),
            text[7] == UInt8(ascii: "-"), let day = number(8, 2),
            text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: "t"),
            let hour = number(11, 2), text[13] == UInt8(ascii: ":"), let minute = number(14, 2),
            text[16] == UInt8(ascii: ":"), let second = number(17, 2)
        else { return nil }
        guard years.contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var position = 19
        var millisecond = 0
        if text[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < text.count, JSONReader.isDigit(text[position]) {
                if position - fractionStart < 3 {
                    millisecond = millisecond * 10 + Int(text[position] - UInt8(ascii: "0"))
                }
                position += 1
            }
            let digits = position - fractionStart
            guard (1...9).contains(digits) else { return nil }
            for _ in min(digits, 3)..<3 { millisecond *= 10 }
        }
        guard position < text.count else { return nil }
        var offset = 0
        switch text[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard text.count - position == 6, let offsetHours = number(position + 1, 2),
                text[position + 3] == UInt8(ascii: ":"), let offsetMinutes = number(position + 4, 2),
                offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offset = offsetHours * 60 + offsetMinutes
            if text[position] == UInt8(ascii: "-") { offset = -offset }
            position += 6
        default:
            return nil
        }
        guard position == text.count else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let localSeconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        millisecondsSinceEpoch = (localSeconds - Int64(offset) * 60) * 1000 + Int64(millisecond)
        utcOffsetMinutes = offset
    }

    /// Appends the RFC 3339 text, without quotes: 29 bytes. An instant whose local time falls outside
    /// the years 0001 to 9999 is written as the nearest one inside, so that the text always reads back.
    func write(to bytes: inout [UInt8]) {
        let range = Self.writableMilliseconds
        // Held within a day of the range first, so that adding the offset cannot overflow.
        let instant = min(max(millisecondsSinceEpoch, range.lowerBound - 86_400_000), range.upperBound + 86_400_000)
        let local = min(max(instant + Int64(utcOffsetMinutes) * 60_000, range.lowerBound), range.upperBound)
        let (days, millisecondOfDay) = floorDivision(local, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: Int(days))
        let hour = Int(millisecondOfDay / 3_600_000)
        let minute = Int(millisecondOfDay / 60_000 % 60)
        let second = Int(millisecondOfDay / 1000 % 60)
        let millisecond = Int(millisecondOfDay % 1000)
        let offset = abs(utcOffsetMinutes)
        // Fixed-width fields into a stack tuple, appended at once.
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var value = max(0, value)
                for position in stride(from: at + width - 1, through: at, by: -1) {
                    raw[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 0, 4); raw[4] = UInt8(ascii: "-"); put(month, 5, 2); raw[7] = UInt8(ascii: "-")
            put(day, 8, 2); raw[10] = UInt8(ascii: "T"); put(hour, 11, 2); raw[13] = UInt8(ascii: ":")
            put(minute, 14, 2); raw[16] = UInt8(ascii: ":"); put(second, 17, 2)
            raw[19] = UInt8(ascii: "."); put(millisecond, 20, 3)
            raw[23] = utcOffsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            put(offset / 60, 24, 2); raw[26] = UInt8(ascii: ":"); put(offset % 60, 27, 2)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<29]))
        }
    }
}

private func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    var quotient = value / divisor
    var remainder = value % divisor
    if remainder < 0 {
        quotient -= 1
        remainder += divisor
    }
    return (quotient, remainder)
}

private func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

private func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

// Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian calendar).
private func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

private func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
