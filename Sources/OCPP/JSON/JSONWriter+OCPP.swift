import JSON

/// The writer as OCPP's typed payloads use it: enumerations by their names, date-times as RFC 3339.
extension JSONWriter {
    mutating func enumValue(_ value: some RawRepresentable<String>) {
        string(value.rawValue)
    }

    mutating func dateTime(_ value: OCPPDateTime) {
        unescapedString { value.write(to: &$0) }
    }
}
