import Testing
@testable import WebSocket

@Suite struct DigestTests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        ),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func sha1MatchesStandardVectors(message: String, hex: String) {
        let digest = SHA1.digest(Array(message.utf8))
        #expect(digest == bytes(hex.chunked))
    }

    @Test func sha1OfAMillionAsMatchesTheStandardVector() {
        let digest = SHA1.digest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest == bytes("34 aa 97 3c d4 c4 da a4 f6 1e eb 2b db ad 27 31 65 34 01 6f"))
    }

    /// Lengths around the block and padding boundaries, against Python's hashlib on bytes `(i * 7) & 255`.
    @Test(arguments: [
        (55, "aecd1643c9903b9bae8cb94f53c50f8a4e18605b"), (56, "f5d65c621c02cc8e785159feff8088e3072da1bc"),
        (63, "4952f0fe097e4d6410ae9eab4855aa836caf3bff"), (64, "1e17ae1fc093e5daca033553c97a5192ca164486"),
        (65, "ac44f5dbe3e9b5d2733fc9537fcad715c3c20bc3"), (119, "b4a4e69060d0b1e7e8ebbf7041a4211c63438b57"),
        (120, "b651390c2996406336a3f6647e4b590c18cdd6f8"), (128, "516846cd40bd1fe431119c3b0a0f362957992ee8"),
    ])
    func sha1PadsCorrectlyAroundBlockBoundaries(length: Int, hex: String) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7) }
        #expect(SHA1.digest(message) == bytes(hex.chunked))
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64MatchesRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded.utf8) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg=", "Z===", "Zm9v!A==", "Zg==Zg==", "Zm=v"])
    func base64RefusesMalformedText(text: String) {
        #expect(Base64.decode(text.utf8) == nil)
    }

    @Test func acceptValueMatchesRFC6455Sample() {
        #expect(ClientHandshake.accept(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}

extension String {
    /// Hex digits split into space-separated pairs, for ``bytes(_:)``.
    fileprivate var chunked: String {
        let digits = Array(self)
        return stride(from: 0, to: digits.count, by: 2).map { String(digits[$0..<$0 + 2]) }.joined(separator: " ")
    }
}
