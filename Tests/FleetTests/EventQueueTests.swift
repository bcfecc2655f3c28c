import Testing

@testable import Fleet

@Suite struct EventQueueTests {
    @Test func eventsComeOutInTimeOrder() {
        var queue = EventQueue<Int>()
        for (payload, time) in [(0, 50), (1, 10), (2, 40), (3, 20), (4, 30)] {
            queue.push(payload, at: Int64(time))
        }
        var times: [Int64] = []
        while let event = queue.pop() { times.append(event.time) }
        #expect(times == [10, 20, 30, 40, 50])
    }

    @Test func equalTimesComeOutInInsertionOrder() {
        var queue = EventQueue<Int>()
        for payload in 0..<100 {
            queue.push(payload, at: Int64(payload % 3))
        }
        var payloads: [Int] = []
        while let event = queue.pop() { payloads.append(event.payload) }
        let expected = (0..<100).filter { $0 % 3 == 0 } + (0..<100).filter { $0 % 3 == 1 } + (0..<100).filter { $0 % 3 == 2 }
        #expect(payloads == expected)
    }

    @Test func interleavedPushesAndPopsMatchASortedReference() {
        var queue = EventQueue<Int>()
        var reference: [(time: Int64, sequence: Int)] = []
        var stream = RandomStream(seed: 7, station: 0, purpose: .plan)
        var sequence = 0
        var popped: [Int] = []
        var expected: [Int] = []
        for _ in 0..<5_000 {
            if stream.chance(0.6) || reference.isEmpty {
                let time = Int64(stream.next() % 1_000)
                queue.push(sequence, at: time)
                reference.append((time, sequence))
                sequence += 1
            } else {
                let index = reference.indices.min { (reference[$0].time, reference[$0].sequence) < (reference[$1].time, reference[$1].sequence) }!
                expected.append(reference.remove(at: index).sequence)
                popped.append(queue.pop()!.payload)
            }
        }
        #expect(popped == expected)
        #expect(queue.count == reference.count)
    }
}
