import OCPP

/// The authorization cache and the local authorization list of a station; both empty, and unallocated,
/// until used.
struct AuthorizationStore: Sendable {
    struct Entry: Sendable, Equatable {
        var status: AuthorizationStatus
        /// idTagInfo's expiryDate, on the station's clock.
        var expiry: Int64?
        var parentIdTag: String?

        init(_ info: IdTagInfo) {
            status = info.status
            expiry = info.expiryDate?.millisecondsSinceEpoch
            parentIdTag = info.parentIdTag
        }

        /// The status in force at `now` (on the station's clock): an expired entry reads Expired.
        func status(at now: Int64) -> AuthorizationStatus {
            if status == .accepted, let expiry, expiry <= now { return .expired }
            return status
        }
    }

    private(set) var cache: [String: Entry] = [:]
    private(set) var localList: [String: Entry] = [:]
    private(set) var localListVersion = 0

    /// What the station knows of an idTag: the local list first (when enabled), then the cache.
    func lookup(_ idTag: String, listEnabled: Bool, cacheEnabled: Bool) -> Entry? {
        if listEnabled, let entry = localList[idTag] { return entry }
        if cacheEnabled, let entry = cache[idTag] { return entry }
        return nil
    }

    mutating func remember(_ idTag: String, _ info: IdTagInfo) {
        cache[idTag] = Entry(info)
    }

    mutating func clearCache() {
        cache = [:]
    }

    /// SendLocalList, as OCPP 1.6 §5.15 says.
    mutating func update(_ request: SendLocalListRequest, maxEntries: Int, maxPerMessage: Int) -> UpdateStatus {
        let entries = request.localAuthorizationList ?? []
        if entries.count > maxPerMessage { return .failed }
        var list: [String: Entry]
        switch request.updateType {
        case .full:
            list = [:]
            for entry in entries {
                if let info = entry.idTagInfo { list[entry.idTag] = Entry(info) }
            }
        case .differential:
            if request.listVersion <= localListVersion { return .versionMismatch }
            list = localList
            for entry in entries {
                if let info = entry.idTagInfo {
                    list[entry.idTag] = Entry(info)
                } else {
                    list[entry.idTag] = nil
                }
            }
        }
        if list.count > maxEntries { return .failed }
        localList = list
        localListVersion = request.listVersion
        return .accepted
    }
}
