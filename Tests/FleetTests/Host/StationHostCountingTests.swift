import Metrics
import OCPP
import Station
import Testing

@testable import Fleet

/// What a host counts for the report: a CALL is an outcome (answered, CallError, timeout) only once it was
/// written on a link, so that `sent` always equals the sum of the outcomes and a CALL that never reached the
/// CSMS is not taken for the CSMS's silence.
@Suite struct StationHostCountingTests: ScriptedHostTests {
    let backend: ScriptedBackend

    init() throws {
        backend = try ScriptedBackend.withOneRegisteredStation()
    }

    /// Every action's CALLs so far: sent, and ended one way or the other.
    func totals() -> (sent: UInt64, ended: UInt64, timeouts: UInt64) {
        host.recorder.collect().actions.reduce((0, 0, 0)) { sum, action in
            (sum.sent + action.sent, sum.ended + action.answered + action.timeouts, sum.timeouts + action.timeouts)
        }
    }

    @Test func aCallUnansweredWhenItsLinkIsLostIsATimeout() throws {
        deliver(.evPlugged(connectorId: 1, ev: .typical))
        let before = totals()
        try #require(before.sent == before.ended + 1, "the plug's StatusNotification is in flight")

        backend.linked = false
        host.linkLost(0, now: backend.tick())

        let after = totals()
        #expect(after.timeouts == before.timeouts + 1)
        #expect(after.sent == after.ended)
    }

    @Test func aCallTheStationSendsAfterItsLinkClosedUnderItIsNeitherSentNorATimeout() throws {
        // The link closed on the loop's side (a close frame written, the socket gone), and the host is told
        // only at the loop's next turn: the station, still online to itself, sends in between.
        backend.linked = false
        let before = totals()
        deliver(.evPlugged(connectorId: 1, ev: .typical))
        host.linkLost(0, now: backend.tick())

        let after = totals()
        #expect(after.sent == before.sent)
        #expect(after.timeouts == before.timeouts)
        #expect(after.sent == after.ended)
    }
}
