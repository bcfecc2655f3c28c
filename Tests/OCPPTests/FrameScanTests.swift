import Foundation
@testable import OCPP
import TestSupport
import Testing

/// The quick scan of a frame's structure (``OCPPFrame/Elements/init(scanning:maxDepth:)``) against the
/// full check it stands in for: what it accepts, the full check accepts with the same element spans, so
/// that a frame parses to the same value or the same error either way.
@Suite struct FrameScanTests {
    private static let maxDepth = OCPPFrame.Limits.standard.maxDepth

    private static func scanned(_ bytes: [UInt8], maxDepth: Int = maxDepth) -> OCPPFrame.Elements? {
        bytes.withUnsafeBufferPointer { OCPPFrame.Elements(scanning: $0, maxDepth: maxDepth) }
    }

    private static func read(_ bytes: [UInt8], maxDepth: Int = maxDepth) -> OCPPFrame.Elements? {
        try? JSONPayload(checked: bytes, range: bytes.indices).withReader { (reader) throws(OCPPError) in
            try OCPPFrame.Elements(reading: &reader, maxDepth: maxDepth)
        }
    }

    /// Every sample frame, the broken inputs of ``MalformedInputTests``, and the seed corpora of the
    /// `frame` and `station` fuzz targets (the station's scripts line by line, `$id` filled in).
    private static let corpus: [[UInt8]] = {
        var inputs = Samples.all.map { sample in
            Array(#"[2,"id-1","Heartbeat","#.utf8) + sample.json + Array("]".utf8)
        }
        inputs += Samples.all.map { Array(#"[3,"id-1","#.utf8) + $0.json + Array("]".utf8) }
        inputs += MalformedInputTests.corpus.map(\.1)
        let fuzz = packageRoot.appendingPathComponent("Fuzz/Corpus")
        for target in ["frame", "station"] {
            let folder = fuzz.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                else { continue }
                let bytes = [UInt8](data)
                if target == "frame" {
                    inputs.append(bytes)
                } else {
                    for line in bytes.split(separator: UInt8(ascii: "\n")) where line.first == UInt8(ascii: ">") {
                        let text = String(decoding: line.dropFirst(), as: UTF8.self)
                        inputs.append(Array(text.replacingOccurrences(of: "$id", with: "7").utf8))
                    }
                }
            }
        }
        return inputs
    }()

    /// Each input cut short at every length, and each byte in turn replaced by one that changes the
    /// structure (a quote, a backslash, a bracket, a separator, a digit, a control byte, a non-ASCII one).
    private static func mutations(of bytes: [UInt8]) -> [[UInt8]] {
        var variants = (0..<bytes.count).map { Array(bytes[..<$0]) }
        let replacements: [UInt8] = Array(#""\{}[],: 0-e."#.utf8) + [0x01, 0x7F, 0xC3]
        for position in bytes.indices {
            for byte in replacements where byte != bytes[position] {
                var variant = bytes
                variant[position] = byte
                variants.append(variant)
            }
        }
        return variants
    }

    @Test func theScanAcceptsOnlyWhatTheFullCheckAcceptsWithTheSameSpans() {
        var scannedCount = 0
        for bytes in Self.corpus {
            guard let fast = Self.scanned(bytes) else { continue }
            scannedCount += 1
            #expect(Self.read(bytes) == fast, "\(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
        #expect(scannedCount > Self.corpus.count / 3)
    }

    @Test func everyTruncationAndByteChangeOfTheSampleFramesAgrees() {
        let frames = [MalformedInputTests.meterValuesFrame]
            + Samples.stationToCSMS.prefix(12).map { Array(#"[2,"19223201","Heartbeat","#.utf8) + $0.json + [0x5D] }
        var disagreements: [String] = []
        for frame in frames {
            for variant in Self.mutations(of: frame) {
                guard let fast = Self.scanned(variant) else { continue }
                if Self.read(variant) != fast { disagreements.append(String(decoding: variant, as: UTF8.self)) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func theSampleFramesWithoutEscapesTakeTheQuickScan() {
        let plain = Samples.all.filter { !$0.json.contains(UInt8(ascii: "\\")) && $0.json.allSatisfy { $0 < 0x80 } }
        #expect(plain.count > Samples.all.count * 9 / 10)
        for sample in plain {
            let frame = Array(#"[3,"id-1","#.utf8) + sample.json + [0x5D]
            #expect(Self.scanned(frame) != nil, "\(sample)")
        }
    }

    @Test func nestingBeyondTheLimitIsLeftToTheFullCheck() {
        let frame = Array(#"[2,"1","DataTransfer",{"vendorId":"v","data":[[[1]]]}]"#.utf8)
        #expect(Self.scanned(frame, maxDepth: 5) != nil)
        #expect(Self.scanned(frame, maxDepth: 4) == nil)
        #expect(Self.read(frame, maxDepth: 4) == nil)
    }

    @Test func textWithEscapesOrNonASCIIIsLeftToTheFullCheck() {
        let escaped = Array(#"[2,"1","Authorize",{"idTag":"a\"b"}]"#.utf8)
        let accented = Array(#"[2,"1","Authorize",{"idTag":"é"}]"#.utf8)
        #expect(Self.scanned(escaped) == nil)
        #expect(Self.scanned(accented) == nil)
        #expect(Self.read(escaped) != nil)
        #expect(Self.read(accented) != nil)
    }
}
