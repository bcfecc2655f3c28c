import Foundation
import Testing
import TestSupport

@testable import Fleet

@Suite struct BuiltInProfileTests {
    /// Every profile file of `Profiles/` (the schema is not a profile).
    static let files: [URL] = {
        let folder = packageRoot.appendingPathComponent("Profiles")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "profile.schema.json" }.sorted()
            .map { folder.appendingPathComponent($0) }
    }()

    @Test func holdsExactlyTheProfilesOfTheRepositorysFolder() {
        #expect(BuiltInProfile.names.sorted() == Self.files.map { $0.deletingPathExtension().lastPathComponent })
    }

    @Test func eachIsByteForByteItsFile() throws {
        for file in Self.files {
            let name = file.deletingPathExtension().lastPathComponent
            let builtIn = try #require(BuiltInProfile.named(name))
            let onDisk = try Data(contentsOf: file)
            #expect(Data(builtIn.text.utf8) == onDisk, "\(name)")
        }
    }

    @Test func eachLoadsAsTheProfileItsFileHolds() throws {
        for builtIn in BuiltInProfile.all {
            let file = packageRoot.appendingPathComponent("Profiles/\(builtIn.name).json").path
            #expect(try builtIn.load() == Profile.load(file: file))
        }
    }

    @Test func aNameThatIsNotBuiltInFindsNothing() {
        #expect(BuiltInProfile.named("nonexistent") == nil)
    }
}
