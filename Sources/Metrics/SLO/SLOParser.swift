/// Reads one SLO expression by recursive descent over its characters, so that every error can name the
/// column where the expression stopped fitting the grammar of ``SLO``.
struct SLOParser {
    struct Parsed {
        var quantity: SLOQuantity
        var comparison: SLOComparison
        var threshold: Double
        var unit: SLOUnit
    }

    private static let plainMetrics: [String: SLOQuantity] = [
        "connected": .connected, "reconnects": .reconnects, "failed_connections": .failedConnections,
        "lost_transactions": .lostTransactions, "lost_messages": .lostMessages, "unsent_at_end": .unsentAtEnd,
        "bad_frames": .badFrames, "unmatched_answers": .unmatchedAnswers,
        "msgs_per_s": .messagesPerSecond,
    ]
    private static let metricHint =
        "a metric such as p99(StartTransaction), errors, connected or msgs_per_s"

    private let expression: String
    private let characters: [Character]
    private var position = 0

    init(_ expression: String) {
        self.expression = expression
        characters = Array(expression)
    }

    mutating func parse() throws(SLOParseError) -> Parsed {
        skipSpaces()
        let quantity = try parseQuantity()
        skipSpaces()
        let comparison = try parseComparison()
        skipSpaces()
        let threshold = try parseNumber()
        skipSpaces()
        let unitColumn = position
        let unit = try parseUnit()
        guard quantity.acceptedUnits.contains(unit) else {
            throw error(at: unitColumn, Self.unitExpectation(for: quantity, after: threshold, found: unit))
        }
        skipSpaces()
        guard position == characters.count else {
            throw error("unexpected '\(characters[position])' after the threshold")
        }
        return Parsed(quantity: quantity, comparison: comparison, threshold: threshold, unit: unit)
    }

    // MARK: Parts

    private mutating func parseQuantity() throws(SLOParseError) -> SLOQuantity {
        let start = position
        let name = readWhile { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        guard !name.isEmpty else { throw error("expected \(Self.metricHint)") }
        skipSpaces()
        let hasSeries = peek == "("
        if let percentile = SLOPercentile(name: name) {
            return .latency(percentile, series: try parseSeries(for: name))
        }
        if name.hasPrefix("service_"), let percentile = SLOPercentile(name: String(name.dropFirst(8))) {
            return .serviceTime(percentile, series: try parseSeries(for: name))
        }
        if name.hasPrefix("lag_"), let percentile = SLOPercentile(name: String(name.dropFirst(4))) {
            guard !hasSeries else { throw error("\(name) takes no action: the lag is the scheduler's") }
            return .schedulerLag(percentile)
        }
        if name.hasPrefix("recovery_") {
            let percentileName = String(name.dropFirst(9))
            guard let percentile = percentileName == "p100" ? .max : SLOPercentile(name: percentileName) else {
                throw error(at: start, "unknown metric '\(name)': expected recovery_p50, recovery_p90, recovery_p99 or recovery_p100")
            }
            return .recovery(percentile, fault: hasSeries ? try parseSeries(for: name) : "*")
        }
        if name == "recovered" {
            return .recovered(fault: hasSeries ? try parseSeries(for: name) : "*")
        }
        if let counter = SLOCounter(rawValue: name) {
            return .counter(counter, series: hasSeries ? try parseSeries(for: name) : "*")
        }
        if let quantity = Self.plainMetrics[name] {
            guard !hasSeries else { throw error("\(name) takes no action") }
            return quantity
        }
        throw error(at: start, "unknown metric '\(name)': expected \(Self.metricHint)")
    }

    private mutating func parseSeries(for name: String) throws(SLOParseError) -> String {
        guard peek == "(" else {
            throw error("expected '(' and an action after \(name), as in \(name)(StartTransaction) or \(name)(*)")
        }
        position += 1
        skipSpaces()
        let series: String
        if peek == "*" {
            position += 1
            series = "*"
        } else {
            series = readWhile { $0.isLetter || $0.isNumber }
            guard !series.isEmpty else { throw error("expected an action name or *") }
        }
        skipSpaces()
        guard peek == ")" else { throw error("expected ')' after \(series)") }
        position += 1
        return series
    }

    private mutating func parseComparison() throws(SLOParseError) -> SLOComparison {
        for comparison in [SLOComparison.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater] {
            let symbol = Array(comparison.symbol)
            if characters[position...].starts(with: symbol) {
                position += symbol.count
                return comparison
            }
        }
        throw error("expected a comparison: <, <=, >, >=, == or !=")
    }

    private mutating func parseNumber() throws(SLOParseError) -> Double {
        let start = position
        let whole = readWhile(\.isASCIIDigit)
        guard !whole.isEmpty else { throw error("expected a number") }
        var text = whole
        if peek == "." {
            position += 1
            let fraction = readWhile(\.isASCIIDigit)
            guard !fraction.isEmpty else { throw error("expected digits after the decimal point") }
            text += "." + fraction
        }
        guard let value = Double(text) else { throw error(at: start, "'\(text)' is not a number") }
        return value
    }

    private mutating func parseUnit() throws(SLOParseError) -> SLOUnit {
        if peek == "%" {
            position += 1
            return .percent
        }
        let start = position
        let word = readWhile(\.isLetter)
        switch word {
        case "": return .none
        case "us", "µs": return .micros
        case "ms": return .millis
        case "s": return .seconds
        default: throw error(at: start, "unknown unit '\(word)': expected us, ms, s or %")
        }
    }

    private static func unitExpectation(for quantity: SLOQuantity, after threshold: Double, found: SLOUnit) -> String {
        let number = SLO.format(threshold)
        switch quantity {
        case .latency, .serviceTime, .schedulerLag, .recovery:
            return "\(quantity.name) is a duration: expected a unit after \(number) (us, ms or s)"
        case .messagesPerSecond:
            return "msgs_per_s is a rate: expected a plain number, not '\(found.rawValue)'"
        case .badFrames, .unmatchedAnswers:
            return "\(quantity.name) counts frames from the CSMS: expected a plain number, not '\(found.rawValue)'"
        case .counter, .connected, .reconnects, .failedConnections, .lostTransactions, .lostMessages, .unsentAtEnd,
            .recovered:
            return "\(quantity.name) is a count: expected a plain number or a percentage, not '\(found.rawValue)'"
        }
    }

    // MARK: Characters

    private var peek: Character? { position < characters.count ? characters[position] : nil }

    private mutating func skipSpaces() {
        while let character = peek, character.isWhitespace { position += 1 }
    }

    private mutating func readWhile(_ accepts: (Character) -> Bool) -> String {
        let start = position
        while let character = peek, accepts(character) { position += 1 }
        return String(characters[start..<position])
    }

    private func error(_ message: String) -> SLOParseError {
        error(at: position, message)
    }

    private func error(at index: Int, _ message: String) -> SLOParseError {
        SLOParseError(expression: expression, column: index + 1, message: message)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
