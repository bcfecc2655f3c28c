extension StopTransactionRequest {
    /// What StopTransaction.json asks beyond what ``MeterValue`` checks: its list of units, unlike that of
    /// MeterValues.json which ``MeterValue`` follows, has no Hertz.
    func validate() throws(OCPPError) {
        for (position, value) in (transactionData ?? []).enumerated() {
            if let sample = value.sampledValue.firstIndex(where: { $0.unit == .hertz }) {
                throw OCPPError(
                    code: .propertyConstraintViolation, field: "transactionData[\(position)].sampledValue[\(sample)].unit",
                    reason: "'Hertz' is not a valid unit in StopTransaction")
            }
        }
    }
}
