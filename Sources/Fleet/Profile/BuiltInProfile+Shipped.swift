extension BuiltInProfile {
    /// Every profile of the repository's `Profiles/` folder, byte for byte, by name.
    public static let all: [BuiltInProfile] = [
        ("commute-peak", PackageResources.commute_peak_json),
        ("default", PackageResources.default_json),
        ("firmware-rollout", PackageResources.firmware_rollout_json),
        ("idle", PackageResources.idle_json),
        ("reconnection-storm", PackageResources.reconnection_storm_json),
        ("smoke", PackageResources.smoke_json),
    ].map { BuiltInProfile(name: $0, text: String(decoding: $1, as: UTF8.self)) }
}
