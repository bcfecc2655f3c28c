/// The faults of the command line (`run --fault SPEC`), read into the same ``TimedEvent``s as a profile's
/// events, so that both take one path through the run.
///
/// ```
/// KIND@AT[:DURATION][:OPTION=VALUE[,OPTION=VALUE]...]
/// partition@60s:30s   slow@1m:2m:latency=200ms,bandwidth=64kB/s   drop@2m:stations=1-500,how=reset
/// ```
/// `AT` is wall time after the run starts (``FleetRunConfiguration/addFaults(_:)`` turns it into the
/// profile's time); `DURATION` is wall time too.
public enum FaultSpec {
    /// The grammar, as `run --help` prints it.
    public static let grammar = """
        Faults (--fault, repeatable):  KIND@AT[:DURATION][:OPTION=VALUE[,OPTION=VALUE]...]
          AT, DURATION     wall time from the run's start: 90s, 2m, 1m30s
          partition@AT:D   nothing passes either way for D; links stay open (--ping-interval decides when a
                           station gives up), a connect waits; then everything held goes through
          slow@AT:D        latency=T (added one way, to each direction) and/or bandwidth=R per link and
                           direction (R: 64kB/s, 512kbit/s, 1MB/s, 2Mbit/s, 500B/s)
          stall@AT:D       loss=P% of the chunks sent or received are lost once: the link stalls 200 ms
                           (a TCP retransmission timeout, doubling when lost again) with all behind it
          drop@AT          links close at once, how=fin (no close frame, the default), reset (TCP RST) or
                           close (WebSocket close handshake, 1001)
          every fault      stations=A-B (station numbers, 1-based as in the ids), share=P% of them (100%)
          examples         partition@60s:30s  slow@1m:2m:latency=200ms  stall@30s:1m:loss=2%
                           drop@2m:stations=1-500,how=reset
          A profile's events partition, slowLinks, stalls and dropLinks do the same.
        """

    /// Reads one `--fault`. The event's ``TimedEvent/at`` is the wall time after the run's start.
    /// - Throws: ``FaultSpecError`` naming what was expected.
    public static func parse(_ spec: String) throws(FaultSpecError) -> TimedEvent {
        func fail(_ expected: String) -> FaultSpecError { FaultSpecError(spec: spec, expected: expected) }
        var parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let head = parts.removeFirst()
        guard let sign = head.firstIndex(of: "@") else {
            throw fail("KIND@AT, as in partition@60s:30s (KIND: partition, slow, stall or drop)")
        }
        let kind = String(head[..<sign])
        guard ["partition", "slow", "stall", "drop"].contains(kind) else {
            throw fail("a fault kind among partition, slow, stall, drop before \"@\", found \"\(kind)\"")
        }
        let atText = String(head[head.index(after: sign)...])
        guard let at = DurationText.milliseconds(atText) else {
            throw fail("a time after \"\(kind)@\" such as 90s, 2m or 1m30s, found \"\(atText)\"")
        }
        var duration: Int64?
        var options: [String: String] = [:]
        for (number, part) in parts.enumerated() {
            if number == 0, !part.contains("=") {
                guard let value = DurationText.milliseconds(part), value > 0 else {
                    throw fail("a duration such as 30s, or OPTION=VALUE, after \"\(head):\", found \"\(part)\"")
                }
                duration = value
                continue
            }
            for option in part.split(separator: ",", omittingEmptySubsequences: false) {
                let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                    throw fail("OPTION=VALUE, found \"\(option)\"")
                }
                guard options[pair[0]] == nil else { throw fail("each option once, found \"\(pair[0])\" twice") }
                options[pair[0]] = pair[1]
            }
        }

        let allowed: [String]
        switch kind {
        case "slow": allowed = ["latency", "bandwidth"]
        case "stall": allowed = ["loss"]
        case "drop": allowed = ["how"]
        default: allowed = []
        }
        for name in options.keys.sorted() where !(allowed + ["stations", "share"]).contains(name) {
            throw fail("an option of \(kind) among \((allowed + ["stations", "share"]).joined(separator: ", ")), found \"\(name)\"")
        }
        var stations: ClosedRange<Int>?
        if let text = options["stations"] {
            guard let range = stationRange(text) else {
                throw fail("stations=A-B with 1 <= A <= B (station numbers, as in GU000001), found \"\(text)\"")
            }
            stations = range
        }
        var share = 1.0
        if let text = options["share"] {
            guard let value = percentage(text) else { throw fail("share=P% with P from 0 to 100, found \"\(text)\"") }
            share = value
        }

        if kind == "drop" {
            guard duration == nil else { throw fail("no duration for drop (links close at once)") }
            var how = LinkCut.fin
            if let text = options["how"] {
                guard let value = LinkCut(rawValue: text) else {
                    throw fail("how=fin, how=reset or how=close, found \"\(text)\"")
                }
                how = value
            }
            return TimedEvent(at: at, action: .dropLinks(share: share, how: how), stations: stations)
        }
        guard let duration else { throw fail("a duration after \"\(head):\", as in \(head):30s") }
        let fault: LinkFault
        switch kind {
        case "slow":
            var latency: Int64 = 0
            if let text = options["latency"] {
                guard let value = DurationText.milliseconds(text) else {
                    throw fail("latency=T such as 200ms, found \"\(text)\"")
                }
                latency = value
            }
            var rate: Int?
            if let text = options["bandwidth"] {
                guard let value = bandwidth(text) else {
                    throw fail("bandwidth=R such as 64kB/s or 512kbit/s (more than 0), found \"\(text)\"")
                }
                rate = value
            }
            guard latency > 0 || rate != nil else { throw fail("latency=T or bandwidth=R (or both) for slow") }
            fault = .slow(durationMilliseconds: duration, latencyMilliseconds: latency, bytesPerSecond: rate)
        case "stall":
            guard let text = options["loss"] else { throw fail("loss=P% for stall, as in stall@30s:1m:loss=2%") }
            guard let loss = percentage(text), loss > 0 else {
                throw fail("loss=P% with P above 0 and at most 100, found \"\(text)\"")
            }
            fault = .stall(durationMilliseconds: duration, lossRate: loss)
        default:
            fault = .partition(durationMilliseconds: duration)
        }
        return TimedEvent(at: at, action: .linkFault(share: share, fault), stations: stations)
    }

    /// Bytes per second from `64kB/s`, `512kbit/s`, `1MB/s`, `2Mbit/s`, `500B/s` (k and M are 1,000 and
    /// 1,000,000, as for network rates); `nil` when it is none, or not above zero.
    public static func bandwidth(_ text: String) -> Int? {
        let units: [(String, Double)] = [
            ("Mbit/s", 125_000), ("kbit/s", 125), ("bit/s", 0.125), ("MB/s", 1_000_000), ("kB/s", 1_000), ("B/s", 1),
        ]
        for (unit, scale) in units where text.hasSuffix(unit) {
            guard let amount = Double(text.dropLast(unit.count)), amount.isFinite else { return nil }
            let rate = (amount * scale).rounded()
            return rate >= 1 && rate < 1e12 ? Int(rate) : nil
        }
        return nil
    }

    /// Station numbers `A-B` (or one number), 1 <= A <= B.
    public static func stationRange(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2, let low = Int(bounds[0]), let high = Int(bounds.last!), low >= 1, low <= high
        else { return nil }
        return low...high
    }

    /// A share from `40%` (0 to 100).
    static func percentage(_ text: String) -> Double? {
        guard text.hasSuffix("%"), let value = Double(text.dropLast()), value >= 0, value <= 100 else { return nil }
        return value / 100
    }
}
