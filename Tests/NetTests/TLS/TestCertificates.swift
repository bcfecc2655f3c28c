import Foundation

/// A throwaway CA and the certificates the TLS tests need, made with the `openssl` command in a
/// temporary folder once per test process.
struct TestCertificates: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The CA's certificate, to trust as `caFile`.
    let caFile: String
    /// For `localhost` and 127.0.0.1 (as subject alternative names), valid now.
    let localhost: KeyPair
    /// For `other.example` only, valid now.
    let otherName: KeyPair
    /// For `localhost` and 127.0.0.1, expired in 2020.
    let expired: KeyPair
    /// For `localhost`, signed by itself rather than by the CA.
    let selfSigned: KeyPair

    struct KeyPair: Sendable {
        let certificate: String
        let key: String
    }

    /// Made on first use; every test reads the same files.
    static let shared: Result<TestCertificates, Failure> = Result { () throws(Failure) in try make() }

    private static func make() throws(Failure) -> TestCertificates {
        removeFoldersOfEndedRuns()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(folderPrefix)\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("issued"), withIntermediateDirectories: true)
            try Data().write(to: folder.appendingPathComponent("index.txt"))
            try Data("01\n".utf8).write(to: folder.appendingPathComponent("serial"))
            try Data(caConfig.utf8).write(to: folder.appendingPathComponent("ca.cnf"))
        } catch {
            throw Failure(description: "cannot prepare \(folder.path): \(error)")
        }
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try openssl(
            ["req", "-x509"] + ecKey + [
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ocpp-fleet test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], in: folder)
        try openssl(
            ["req", "-x509"] + ecKey + [
                "-keyout", "self-signed.key", "-out", "self-signed.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ], in: folder)
        let validity = ["-startdate", "20240101000000Z", "-enddate", "20991231000000Z"]
        func issue(_ name: String, subject: String, extensions: String, dates: [String]) throws(Failure) -> KeyPair {
            try openssl(["req", "-new"] + ecKey + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject], in: folder)
            try openssl(
                ["ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "\(name).csr",
                 "-out", "\(name).pem", "-extensions", extensions, "-notext"] + dates, in: folder)
            return KeyPair(certificate: folder.appendingPathComponent("\(name).pem").path,
                           key: folder.appendingPathComponent("\(name).key").path)
        }
        return TestCertificates(
            caFile: folder.appendingPathComponent("ca.pem").path,
            localhost: try issue("localhost", subject: "/CN=localhost", extensions: "localhost", dates: validity),
            otherName: try issue("other", subject: "/CN=other.example", extensions: "other", dates: validity),
            expired: try issue(
                "expired", subject: "/CN=localhost", extensions: "localhost",
                dates: ["-startdate", "20200101000000Z", "-enddate", "20200102000000Z"]),
            selfSigned: KeyPair(certificate: folder.appendingPathComponent("self-signed.pem").path,
                                key: folder.appendingPathComponent("self-signed.key").path))
    }

    private static let folderPrefix = "ocpp-fleet-tls-"

    /// Each test process keeps its certificates until it ends; the next one removes those of processes
    /// that are gone, so that runs do not pile folders up.
    private static func removeFoldersOfEndedRuns() {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            guard let pid = Int32(name.dropFirst(folderPrefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    private static let caConfig = """
        [ca]
        default_ca = test_ca
        [test_ca]
        database = index.txt
        new_certs_dir = issued
        serial = serial
        default_md = sha256
        policy = any
        unique_subject = no
        [any]
        commonName = supplied
        [localhost]
        basicConstraints = CA:FALSE
        subjectAltName = DNS:localhost,IP:127.0.0.1
        [other]
        basicConstraints = CA:FALSE
        subjectAltName = DNS:other.example
        """

    private static func openssl(_ arguments: [String], in folder: URL) throws(Failure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run openssl: \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
