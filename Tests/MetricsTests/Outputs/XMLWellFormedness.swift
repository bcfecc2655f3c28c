import Foundation
import FoundationXML

/// Checks markup with Foundation's XMLParser (libxml2), which reports the first well-formedness error;
/// XMLDocument on Linux repairs bad markup silently, so it cannot serve as the check.
enum XMLWellFormedness {
    final class ElementCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            counts[elementName, default: 0] += 1
        }
    }

    /// The number of elements by name, or the parser's error.
    static func elementCounts(of text: String) -> Result<[String: Int], any Error> {
        let parser = XMLParser(data: Data(text.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        let parsed = parser.parse()
        if let error = parser.parserError { return .failure(error) }
        guard parsed else { return .failure(CocoaError(.fileReadCorruptFile)) }
        return .success(counter.counts)
    }
}
