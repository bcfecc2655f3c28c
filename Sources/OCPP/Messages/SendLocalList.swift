/// SendLocalList (CSMS → station): Sends or updates the local authorization list.
public struct SendLocalListRequest: OCPPRequest {
    /// The answer: ``SendLocalListResponse``.
    public typealias Response = SendLocalListResponse
    /// ``Action/sendLocalList``.
    public static var action: Action { .sendLocalList }

    /// `listVersion`: Required.
    public var listVersion: Int
    /// `localAuthorizationList`: Optional.
    public var localAuthorizationList: [AuthorizationData]?
    /// `updateType`: Required.
    public var updateType: UpdateType

    /// Creates the payload; optional fields default to absent.
    public init(listVersion: Int, localAuthorizationList: [AuthorizationData]? = nil, updateType: UpdateType) {
        self.listVersion = listVersion
        self.localAuthorizationList = localAuthorizationList
        self.updateType = updateType
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var listVersion: Int?
        var localAuthorizationList: [AuthorizationData]?
        var updateType: UpdateType?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "listVersion") {
                guard listVersion == nil else { throw .duplicate("listVersion") }
                listVersion = try reader.readInt("listVersion")
            } else if reader.matches(member, "localAuthorizationList") {
                guard localAuthorizationList == nil else { throw .duplicate("localAuthorizationList") }
                var elements: [AuthorizationData] = []
                var array = try reader.beginArray("localAuthorizationList")
                while try reader.nextElement(&array) {
                    do {
                        elements.append(try AuthorizationData(from: &reader))
                    } catch {
                        throw error.inside("localAuthorizationList[\(elements.count)]")
                    }
                }
                localAuthorizationList = elements
            } else if reader.matches(member, "updateType") {
                guard updateType == nil else { throw .duplicate("updateType") }
                updateType = try reader.readEnum("updateType", as: UpdateType.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let listVersion else { throw .missing("listVersion") }
        guard let updateType else { throw .missing("updateType") }
        self.init(listVersion: listVersion, localAuthorizationList: localAuthorizationList, updateType: updateType)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("listVersion")
        writer.int(listVersion)
        if let localAuthorizationList {
            writer.key("localAuthorizationList")
            writer.beginArray()
            for element in localAuthorizationList {
                element.encode(to: &writer)
            }
            writer.endArray()
        }
        writer.key("updateType")
        writer.enumValue(updateType)
        writer.endObject()
    }
}

/// The answer to a ``SendLocalListRequest``.
public struct SendLocalListResponse: OCPPPayload {
    /// `status`: Required.
    public var status: UpdateStatus

    /// Creates the payload; optional fields default to absent.
    public init(status: UpdateStatus) {
        self.status = status
    }

    public init(from reader: inout JSONReader) throws(OCPPError) {
        var status: UpdateStatus?
        var object = try reader.beginObject("")
        while let member = try reader.nextKey(&object) {
            if reader.matches(member, "status") {
                guard status == nil else { throw .duplicate("status") }
                status = try reader.readEnum("status", as: UpdateStatus.self)
            } else {
                throw reader.unknownField(member)
            }
        }
        guard let status else { throw .missing("status") }
        self.init(status: status)
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.enumValue(status)
        writer.endObject()
    }
}
