import Foundation
import FoundationXML

/// Parses markup with Foundation's XMLParser (libxml2), which stops at the first well-formedness error,
/// and counts its elements by name.
final class XMLElementCounter: NSObject, XMLParserDelegate {
    private var counts: [String: Int] = [:]

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        counts[elementName, default: 0] += 1
    }

    /// The number of elements by name.
    /// - Throws: the parser's error when `text` is not well-formed XML.
    static func counts(of text: String) throws -> [String: Int] {
        let parser = XMLParser(data: Data(text.utf8))
        let counter = XMLElementCounter()
        parser.delegate = counter
        let parsed = parser.parse()
        if let error = parser.parserError { throw error }
        guard parsed else { throw CocoaError(.fileReadCorruptFile) }
        return counter.counts
    }
}
