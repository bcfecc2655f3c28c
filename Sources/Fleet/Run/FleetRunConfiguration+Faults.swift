extension FleetRunConfiguration {
    /// Adds faults of the command line (``FaultSpec``), timed in wall time from the run's start, to the
    /// profile's events, which are timed in the profile's time: call it once ``speed`` is final.
    public mutating func addFaults(_ faults: [TimedEvent]) {
        for var fault in faults {
            fault.at = Int64((Double(fault.at) * speed).rounded())
            profile.events.append(fault)
        }
    }
}
