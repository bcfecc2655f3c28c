import Testing

@testable import Metrics

@Test(arguments: [
    ("p99(StartTransaction) < 800ms", "StartTransaction"), ("errors(Heartbeet) < 1%", "Heartbeet"),
    ("service_p99(Authorize) < 5ms", "Authorize"), ("p99(*) < 1s", nil), ("errors < 1%", nil), ("lag_p99 < 5ms", nil),
] as [(String, String?)])
func anSLOSaysWhichActionItNames(expression: String, action: String?) throws {
    #expect(try SLO(parsing: expression).action == action)
}
