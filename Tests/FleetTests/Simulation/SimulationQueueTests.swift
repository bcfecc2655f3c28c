import Station
import Testing

@testable import Fleet

@Suite struct SimulationQueueTests {
    /// The station number that tells the test's events apart.
    private static func number(_ event: SimulationEvent) -> Int32 {
        switch event {
        case .timer(let station, _, _), .connectAttempt(let station), .frameToCSMS(let station, _, _),
            .frameToStation(let station, _, _), .pingTimeout(let station, _), .csmsDeadline(let station):
            station
        case .faultPlanned(let event), .csmsDown(let event): event
        case .csmsUp: -1
        }
    }

    /// An event of each kind: frames, the three timers with lanes, a timer and an event without.
    private static func event(kind: UInt64, number: Int32) -> SimulationEvent {
        switch kind % 6 {
        case 0: .frameToCSMS(station: number, frame: 0, epoch: 0)
        case 1: .frameToStation(station: number, frame: 0, epoch: 0)
        case 2: .timer(station: number, generation: 0, timer: HostTimer(.callTimeout))
        case 3: .timer(station: number, generation: 0, timer: HostTimer(.heartbeat))
        case 4: .timer(station: number, generation: 0, timer: HostTimer(.meterValues(connectorId: Int(kind % 3))))
        default: kind % 12 == 5 ? .timer(station: number, generation: 0, timer: .life) : .connectAttempt(station: number)
        }
    }

    @Test func eventsFireInTheOrderOfTheSchedulerWhateverTheirStreams() {
        let queue = SimulationQueue(start: 0)
        var reference = Scheduler<SimulationEvent, VirtualClock>(clock: VirtualClock(start: 0))
        var stream = RandomStream(seed: 11, station: 0, purpose: .plan)
        var fired: [Int32] = []
        var expected: [Int32] = []
        var number: Int32 = 0
        for step in 0..<20_000 {
            let kind = stream.next()
            // Mostly a fixed delay per kind, as a simulation's streams; sometimes any time, past ones too.
            let delay = stream.chance(0.8) ? Int64(kind % 6) * 500 : Int64(stream.next() % 3_000) - 500
            let time = queue.now + delay
            queue.schedule(Self.event(kind: kind, number: number), at: time)
            reference.schedule(Self.event(kind: kind, number: number), at: time)
            number += 1
            if step % 3 == 2 {
                let limit = queue.now + Int64(stream.next() % 1_000)
                while let (event, at) = queue.next(notAfter: limit) {
                    fired.append(Self.number(event))
                    #expect(at == queue.now)
                }
                while let (event, _) = reference.next(notAfter: limit) { expected.append(Self.number(event.payload)) }
                queue.advance(to: limit)
                reference.advance(to: limit)
                #expect(queue.now == reference.now)
            }
        }
        while let (event, _) = queue.next(notAfter: .max) { fired.append(Self.number(event)) }
        while let (event, _) = reference.next(notAfter: .max) { expected.append(Self.number(event.payload)) }
        #expect(fired == expected)
        #expect(queue.firedCount == reference.firedCount)
        #expect(queue.count == 0)
    }

    @Test func aTimeInThePastFiresAtOnceAtTheClocksTime() {
        let queue = SimulationQueue(start: 1_000)
        queue.schedule(.csmsUp, at: 5_000)
        queue.advance(to: 3_000)
        queue.schedule(.frameToCSMS(station: 1, frame: 0, epoch: 0), at: 2_000)
        let first = queue.next(notAfter: 3_000)
        #expect(first.map { Self.number($0.event) } == 1)
        #expect(first?.firedAt == 3_000)
        #expect(queue.next(notAfter: 4_999)?.firedAt == nil)
        #expect(queue.next(notAfter: 5_000)?.firedAt == 5_000)
    }
}
