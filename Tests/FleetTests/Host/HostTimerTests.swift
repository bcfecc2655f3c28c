import Station
import Testing

@testable import Fleet

@Suite struct HostTimerTests {
    @Test func everyStationTimerOfEveryConnectorHasACodeOfItsOwn() {
        let timers: [StationTimer] =
            [.reconnect, .bootRetry, .heartbeat, .callTimeout, .transactionRetry, .reset, .bootCompleted, .diagnostics,
             .firmware]
            + (0...4).flatMap { connector in
                [
                    .meterValues(connectorId: connector), .energy(connectorId: connector),
                    .connectionTimeout(connectorId: connector), .statusReport(connectorId: connector),
                    .reservationExpiry(connectorId: connector),
                ]
            }
        let codes = timers.map { HostTimer($0).code }
        #expect(Set(codes).count == timers.count)
        #expect(codes.allSatisfy { Int($0) < HostTimer.count })
        #expect(timers.map { HostTimer($0).stationTimer } == timers)
    }

    @Test func aConnectorAGreenUpDoesNotHaveStopsTheProcessRatherThanShareAnotherOnesTimer() async {
        await #expect(processExitsWith: .failure) {
            _ = HostTimer(.meterValues(connectorId: 5))
        }
    }
}
