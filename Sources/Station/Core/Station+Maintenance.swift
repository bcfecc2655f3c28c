import OCPP

// GetDiagnostics and UpdateFirmware: their status notifications, in order, over simulated durations.
extension Station {
    /// Whether the station can fetch or push a file at `location` (SupportedFileTransferProtocols).
    func supportsTransfer(to location: String) -> Bool {
        guard let colon = location.firstIndex(of: ":") else { return false }
        let scheme = location[..<colon].uppercased()
        return configuration.text(.supportedFileTransferProtocols, in: model).split(separator: ",").contains {
            $0.trimmingPrefix(" ") == scheme
        }
    }

    mutating func startDiagnostics(_ location: String, now: Int64, effects: inout [StationEffect]) {
        diagnostics = .uploading
        diagnosticsLocationSupported = supportsTransfer(to: location)
        enqueue(.diagnosticsStatus(.uploading))
        effects.append(.armTimer(.diagnostics, at: now.saturatingAdd(model.timings.diagnosticsUpload)))
    }

    mutating func diagnosticsStep(now: Int64, effects: inout [StationEffect]) {
        guard diagnostics == .uploading else { return }
        diagnostics = diagnosticsLocationSupported ? .uploaded : .uploadFailed
        enqueue(.diagnosticsStatus(diagnostics))
    }

    mutating func firmwareStep(now: Int64, effects: inout [StationEffect]) {
        switch firmware {
        case .scheduled(let location, let retrieveAt):
            guard retrieveAt <= clockTime(at: now) else {
                // Armed at the horizon, or the clock was set back since: not yet.
                effects.append(.armTimer(.firmware, at: deadline(for: retrieveAt, now: now)))
                return
            }
            firmware = .downloading(location: location)
            enqueue(.firmwareStatus(.downloading))
            effects.append(.armTimer(.firmware, at: now.saturatingAdd(model.timings.firmwareDownload)))
        case .downloading(let location):
            guard supportsTransfer(to: location) else {
                firmware = .idle
                enqueue(.firmwareStatus(.downloadFailed))
                return
            }
            enqueue(.firmwareStatus(.downloaded))
            enqueue(.firmwareStatus(.installing))
            firmware = .installing(upgrade: model.firmwareUpgrade ?? model.name)
            effects.append(.armTimer(.firmware, at: now.saturatingAdd(model.timings.firmwareInstall)))
        case .installing:
            // The install ends with a reboot: running transactions end first.
            stopAllTransactions(reason: .reboot, now: now, effects: &effects)
            reboot(now: now, effects: &effects)
        case .idle, .installed:
            break
        }
    }
}
