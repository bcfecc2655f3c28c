import JSON

/// An enumeration of the spec whose raw values are its JSON strings, readable straight from bytes.
protocol JSONEnum: RawRepresentable<String>, CaseIterable, Sendable, PayloadValue {
    static var names: JSONNameTable<Self> { get }
}

/// The JSON names of an enumeration's cases, built once, so that a value is found by comparing bytes
/// in place: `Energy.Active.Import.Interval` would otherwise cost a heap-allocated `String`.
struct JSONNameTable<Value: JSONEnum>: Sendable {
    private let entries: [(name: [UInt8], value: Value)]

    init() {
        entries = Value.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        for entry in entries where entry.name.count == bytes.count {
            let equal = entry.name.withUnsafeBufferPointer { name in
                JSONReader.bytesEqual(name.baseAddress!, bytes.baseAddress!, bytes.count)
            }
            if equal { return entry.value }
        }
        return nil
    }
}
