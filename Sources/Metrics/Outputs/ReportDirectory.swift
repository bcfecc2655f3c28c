import Foundation

/// The folder `--report DIR` names: writes `report.json`, `report.html`, `timeline.csv` and `junit.xml`.
public struct ReportDirectory: Sendable {
    /// The folder; it is created when missing.
    public let url: URL

    /// Names the folder.
    public init(_ url: URL) {
        self.url = url
    }

    /// The files written, by name.
    public static let fileNames = ["report.json", "report.html", "timeline.csv", "junit.xml"]

    /// Writes every report file, each atomically so a reader never sees half a file.
    /// - Throws: the file system's error when the folder cannot be made or a file cannot be written.
    public func write(_ report: RunReport) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let files = [
            ("report.json", ReportJSON.render(report)),
            ("report.html", ReportHTML.render(report)),
            ("timeline.csv", TimelineCSV.render(report.timeline)),
            ("junit.xml", JUnitReport.render(report)),
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name), options: .atomic)
        }
    }
}
