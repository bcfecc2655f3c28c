import OCPP
import Testing

/// A frame read in place (``OCPPFrame/Borrowed``): the same frame and the same errors as an owned parse,
/// and values read from it that outlive the bytes they came from.
@Suite struct BorrowedFrameTests {
    private static let time = OCPPDateTime(millisecondsSinceEpoch: 1_555_683_943_083, utcOffsetMinutes: 120)

    /// Parses `bytes` in place and hands the frame to `body`, or gives the error.
    private func borrowed<Result>(
        _ bytes: [UInt8], _ body: (OCPPFrame.Borrowed) throws(OCPPError) -> Result
    ) -> Swift.Result<Result, OCPPError> {
        bytes.withUnsafeBytes { text in
            do throws(OCPPError) {
                return .success(try body(try OCPPFrame.Borrowed(parsing: text)))
            } catch {
                return .failure(error)
            }
        }
    }

    private func owned(_ bytes: [UInt8]) -> Swift.Result<OCPPFrame, OCPPError> {
        do throws(OCPPError) {
            return .success(try OCPPFrame(parsing: bytes))
        } catch {
            return .failure(error)
        }
    }

    @Test func aRequestDecodedFromABufferThatIsThenOverwrittenKeepsItsValues() throws {
        var buffer = Array(#"[2,"id-123456789012345678","Reset",{"type":"Hard"}]"#.utf8)
        let read = borrowed(buffer) { (frame) throws(OCPPError) in (try CentralSystemRequest(frame), frame.messageId) }
        for index in buffer.indices { buffer[index] = UInt8(ascii: "x") }
        let (request, messageId) = try read.get()
        #expect(request == .reset(ResetRequest(type: .hard)))
        #expect(messageId == "id-123456789012345678")
    }

    @Test func anAnswerDecodedFromABufferThatIsThenOverwrittenKeepsItsValues() throws {
        var buffer = Array(#"[3,"7",{"currentTime":"2019-04-19T16:25:43.083+02:00"}]"#.utf8)
        let read = borrowed(buffer) { (frame) throws(OCPPError) in
            (try frame.decode(responseTo: HeartbeatRequest.self), frame.frame)
        }
        for index in buffer.indices { buffer[index] = 0 }
        let (response, frame) = try read.get()
        #expect(response.currentTime == Self.time)
        guard case .callResult(let result) = frame else {
            Issue.record("not a result: \(frame)")
            return
        }
        #expect(result.messageId == "7")
        #expect(try result.decode(responseTo: HeartbeatRequest.self).currentTime == Self.time)
    }

    @Test func theMessageIdIsComparedInPlaceEscapesDecoded() {
        let plain = borrowed(Array(#"[3,"abc",{}]"#.utf8)) { $0.hasMessageId("abc") && !$0.hasMessageId("ab") }
        #expect(plain == .success(true))
        let escaped = borrowed(Array(#"[3,"a\u0062c",{}]"#.utf8)) { $0.hasMessageId("abc") && !$0.hasMessageId("a\\u0062c") }
        #expect(escaped == .success(true))
        let empty = borrowed(Array(#"[3,"",{}]"#.utf8)) { $0.hasMessageId("") && !$0.hasMessageId("a") }
        #expect(empty == .success(true))
    }

    @Test func aCallResultAnsweringACallInPlaceIsTheOneWrittenWithItsId() throws {
        let response = HeartbeatResponse(currentTime: Self.time)
        for text in [#"[2,"id-123456789012345678","Heartbeat",{}]"#, #"[2,"a\"b\\c\u00e9","Heartbeat",{}]"#] {
            let bytes = Array(text.utf8)
            let (inPlace, messageId) = try borrowed(bytes) { frame in
                var written: [UInt8] = []
                OCPPFrame.encodeCallResult(answering: frame, response, into: &written)
                return (written, frame.messageId)
            }.get()
            var expected: [UInt8] = []
            OCPPFrame.encodeCallResult(messageId: messageId, response, into: &expected)
            #expect(String(decoding: inPlace, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test func aCallErrorGivesItsCodeAndItsOwnedFrameTheRest() {
        let text = Array(#"[4,"9","FormatViolation","bad \"JSON\"",{"at":1}]"#.utf8)
        let frame = borrowed(text) { (frame) throws(OCPPError) in
            #expect(frame.kind == .callError(.formationViolation))
            return frame.frame
        }
        #expect(frame == owned(text))
    }

    @Test func everySampleReadsAsTheOwnedParseReadsIt() throws {
        for sample in Samples.all {
            let call = Array(#"[2,"id-1","Reset","#.utf8) + sample.json + Array("]".utf8)
            let result = Array(#"[3,"id-1","#.utf8) + sample.json + Array("]".utf8)
            for text in [call, result] {
                #expect(borrowed(text) { $0.frame } == owned(text), "\(sample)")
            }
        }
    }

    /// Every broken input of ``MalformedInputTests`` fails alike either way: same code, id and words.
    @Test func brokenFramesFailWithTheErrorsOfTheOwnedParse() {
        for (name, text) in MalformedInputTests.corpus {
            let inPlace = borrowed(text) { $0.frame }
            #expect(inPlace == owned(text), "\(name)")
        }
    }

    @Test func aRequestsErrorCarriesTheCallsId() {
        let text = Array(#"[2,"42","Reset",{"type":"Gentle"}]"#.utf8)
        let error = borrowed(text) { (frame) throws(OCPPError) in try CentralSystemRequest(frame) }
        guard case .failure(let failure) = error else {
            Issue.record("accepted: \(error)")
            return
        }
        #expect(failure.code == .propertyConstraintViolation)
        #expect(failure.messageId == "42")
    }

    @Test func aFrameThatIsNoCallIsNoRequest() {
        let error = borrowed(Array(#"[3,"5",{}]"#.utf8)) { (frame) throws(OCPPError) in try StationRequest(frame) }
        guard case .failure(let failure) = error else {
            Issue.record("accepted: \(error)")
            return
        }
        #expect(failure.code == .protocolError)
        #expect(failure.messageId == "5")
    }
}
