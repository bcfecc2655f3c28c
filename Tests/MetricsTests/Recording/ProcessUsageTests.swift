import Testing

@testable import Metrics

@Suite struct ProcessUsageTests {
    @Test func thePeakResidentSizeCountsMemoryThisProcessTouched() {
        let size = 64 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        defer { block.deallocate() }
        block.initializeMemory(as: UInt8.self, repeating: 1, count: size)
        let usage = ProcessUsage.current()
        #expect(usage.maxRSSBytes >= UInt64(size))
        #expect(usage.maxRSSBytes < 64 << 30)
    }
}
