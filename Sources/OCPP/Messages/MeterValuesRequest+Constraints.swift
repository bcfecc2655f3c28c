extension MeterValuesRequest {
    /// What MeterValues.json asks beyond what ``MeterValue`` checks: at least one sampled value in each
    /// meter value. ``MeterValue`` is shared with StopTransaction's `transactionData`, whose schema allows none.
    func validate() throws(OCPPError) {
        for (position, value) in meterValue.enumerated() where value.sampledValue.isEmpty {
            throw OCPPError(
                code: .occurenceConstraintViolation, field: "meterValue[\(position)].sampledValue",
                reason: "needs at least 1 element")
        }
    }
}
