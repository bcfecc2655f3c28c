import CSMS
import Testing

@Suite struct ConfigurationTests {
    @Test func thePasswordNeverShowsInTheConfigurationsDescriptions() {
        let configuration = CSMSConfiguration(password: "hunter2-secret")
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!"\(configuration)".contains("hunter2"))
        #expect(!String(reflecting: configuration).contains("hunter2"))
        #expect(!dumped.contains("hunter2"))
        #expect(dumped.contains("<hidden>"))
    }
}
