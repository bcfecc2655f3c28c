import Testing

@testable import Fleet

/// How a host keeps the due times of a station's queued CALLs, from which their latencies run.
@Suite struct StationCallsTests {
    @Test func callsQueuedDuringAnEventKeepItsDueTimeAndLeaveOldestFirst() {
        var calls = StationCalls()
        calls.account(queued: 3, due: 100, sentFromQueue: false)
        #expect(Array(calls.queuedDues) == [100, 100, 100])
        calls.account(queued: 3, due: 200, sentFromQueue: true)
        #expect(Array(calls.queuedDues) == [100, 100, 200])
        #expect(calls.callDue(eventDue: 300, hadQueued: true) == 100)
    }

    @Test func aDrainedQueueGivesItsStorageBack() {
        var calls = StationCalls()
        calls.account(queued: 3, due: 100, sentFromQueue: false)
        #expect(calls.dueCapacity >= 3)
        calls.account(queued: 0, due: 200, sentFromQueue: true)
        #expect(calls.queuedDues.isEmpty)
        #expect(calls.dueCapacity == 0)
    }
}
