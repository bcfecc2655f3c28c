/// GetConfiguration (CSMS → station): Reads configuration keys; no key asks for all of them.
public struct GetConfigurationRequest: OCPPRequest {
    /// The answer: ``GetConfigurationResponse``.
    public typealias Response = GetConfigurationResponse
    /// ``Action/getConfiguration``.
    public static var action: Action { .getConfiguration }

    /// `key`: Each at most 50 characters. Optional.
    public var key: [String]?

    /// Creates the payload; optional fields default to absent.
    public init(key: [String]? = nil) {
        self.key = key
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var key: [String]?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "key") {
                guard key == nil else { throw .duplicate("key") }
                var elements: [String] = []
                var array = try reader.beginArray("key")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try reader.readString("", maxLength: 50))
                    } catch {
                        throw error.inside("key[\(elements.count)]")
                    }
                }
                key = elements
            } else {
                throw reader.unknownField(member)
            }
        }
        self.init(key: key)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let key {
            writer.key("key")
            writer.beginArray()
            for element in key {
                writer.string(element)
            }
            writer.endArray()
        }
        writer.endObject()
    }
}

/// The answer to a ``GetConfigurationRequest``.
public struct GetConfigurationResponse: OCPPPayload {
    /// `configurationKey`: Optional.
    public var configurationKey: [KeyValue]?
    /// `unknownKey`: Each at most 50 characters. Optional.
    public var unknownKey: [String]?

    /// Creates the payload; optional fields default to absent.
    public init(configurationKey: [KeyValue]? = nil, unknownKey: [String]? = nil) {
        self.configurationKey = configurationKey
        self.unknownKey = unknownKey
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var configurationKey: [KeyValue]?
        var unknownKey: [String]?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "configurationKey") {
                guard configurationKey == nil else { throw .duplicate("configurationKey") }
                var elements: [KeyValue] = []
                var array = try reader.beginArray("configurationKey")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try KeyValue(from: &reader))
                    } catch {
                        throw error.inside("configurationKey[\(elements.count)]")
                    }
                }
                configurationKey = elements
            } else if reader.matches(member, "unknownKey") {
                guard unknownKey == nil else { throw .duplicate("unknownKey") }
                var elements: [String] = []
                var array = try reader.beginArray("unknownKey")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try reader.readString("", maxLength: 50))
                    } catch {
                        throw error.inside("unknownKey[\(elements.count)]")
                    }
                }
                unknownKey = elements
            } else {
                throw reader.unknownField(member)
            }
        }
        self.init(configurationKey: configurationKey, unknownKey: unknownKey)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let configurationKey {
            writer.key("configurationKey")
            writer.beginArray()
            for element in configurationKey {
                element.encode(to: &writer)
            }
            writer.endArray()
        }
        if let unknownKey {
            writer.key("unknownKey")
            writer.beginArray()
            for element in unknownKey {
                writer.string(element)
            }
            writer.endArray()
        }
        writer.endObject()
    }
}
