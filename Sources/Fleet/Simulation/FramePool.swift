/// Frames in flight between a station and the CSMS, in reusable slots, so that scheduler entries stay
/// small values.
struct FramePool {
    private var frames: [SimulatedFrame] = []
    private var free: [Int32] = []

    /// Keeps `frame` until ``take(_:)``; returns its slot.
    mutating func put(_ frame: consuming SimulatedFrame) -> Int32 {
        if let slot = free.popLast() {
            frames[Int(slot)] = frame
            return slot
        }
        frames.append(frame)
        return Int32(frames.count - 1)
    }

    /// Gives back the frame of `slot` and frees the slot.
    mutating func take(_ slot: Int32) -> SimulatedFrame {
        free.append(slot)
        var taken = SimulatedFrame.json([])
        swap(&taken, &frames[Int(slot)])
        return taken
    }
}
