import Foundation
import Testing
@testable import ParagraphCore

/// The libsodium wrapper: sealed boxes, key ids, approval MACs and secret buffers.
@Suite struct VaultCryptoTests {
    @Test func sealedBoxRoundTrip() throws {
        let secretKey = SecretKey.generate()
        let plaintext = secretBytes("a plaintext of some length")
        let sealed = Sodium.seal(plaintext, to: secretKey.publicKey.bytes)
        #expect(sealed.count == plaintext.count + Sodium.sealOverheadByteCount)

        let opened = try #require(Sodium.open(sealed, publicKey: secretKey.publicKey.bytes, secretKey: secretKey.bytes))
        #expect(opened.isEqual(to: plaintext))
    }

    @Test func sealedBoxRejectsOtherKeyAndChanges() {
        let secretKey = SecretKey.generate()
        let other = SecretKey.generate()
        var sealed = Sodium.seal(secretBytes("a plaintext of some length"), to: secretKey.publicKey.bytes)
        #expect(Sodium.open(sealed, publicKey: other.publicKey.bytes, secretKey: other.bytes) == nil)

        sealed[sealed.count - 1] ^= 1
        #expect(Sodium.open(sealed, publicKey: secretKey.publicKey.bytes, secretKey: secretKey.bytes) == nil)
    }

    @Test func keyIDIsSixteenHexDigitsOfPublicKey() {
        let secretKey = SecretKey.generate()
        let keyID = secretKey.keyID
        #expect(keyID.text.count == 16)
        #expect(KeyID(validating: keyID.text) == keyID)
        #expect(KeyID(publicKey: secretKey.publicKey) == keyID)
        #expect(SecretKey.generate().keyID != keyID)
    }

    @Test(arguments: ["", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "../../etc/passwd", "0123456789abcdeg"])
    func keyIDValidationRejects(_ text: String) {
        #expect(KeyID(validating: text) == nil)
    }

    @Test func secretKeyBase64RoundTrip() throws {
        let secretKey = SecretKey.generate()
        let text = secretKey.base64Text()
        #expect(text.count == 44)
        let decoded = try #require(text.withUnsafeBytes { SecretKey.decode(base64: $0) })
        #expect(decoded.publicKey == secretKey.publicKey)

        let padded = Array((" \n" + text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } + "\n").utf8)
        #expect(padded.withUnsafeBytes { SecretKey.decode(base64: $0) }?.keyID == secretKey.keyID)
        #expect(Array("c2hvcnQ=".utf8).withUnsafeBytes { SecretKey.decode(base64: $0) } == nil)
        #expect(Array("not base64 at all!".utf8).withUnsafeBytes { SecretKey.decode(base64: $0) } == nil)
    }

    @Test func subkeyDependsOnContextAndID() {
        let master = SecretKey.generate().bytes
        let first = Sodium.deriveSubkey(from: master, id: 1, context: "PgApprv1", length: 32)
        #expect(first.isEqual(to: Sodium.deriveSubkey(from: master, id: 1, context: "PgApprv1", length: 32)))
        #expect(!first.isEqual(to: Sodium.deriveSubkey(from: master, id: 2, context: "PgApprv1", length: 32)))
        #expect(!first.isEqual(to: Sodium.deriveSubkey(from: master, id: 1, context: "Other123", length: 32)))
    }

    @Test func authenticatorVerifiesOnlyItsMessage() {
        let key = Sodium.randomBytes(Sodium.authenticationKeyByteCount)
        let message = Array("organization, provider, origin".utf8)
        let tag = Sodium.authenticate(message, key: key)
        #expect(Sodium.verify(tag: tag, message: message, key: key))
        #expect(!Sodium.verify(tag: tag, message: message + [0], key: key))
        #expect(!Sodium.verify(tag: tag, message: message, key: Sodium.randomBytes(Sodium.authenticationKeyByteCount)))
    }

    @Test func secretBytesTrimAndCopy() {
        let bytes = secretBytes(" \tkey\r\n")
        #expect(bytes.trimmingWhitespace().isEqual(to: secretBytes("key")))
        #expect(secretBytes(" \n").trimmingWhitespace().count == 0)
        #expect(secretBytes("abcdef").copy(1..<3).isEqual(to: secretBytes("bc")))
    }
}

func secretBytes(_ text: String) -> SecretBytes {
    SecretBytes(copying: Array(text.utf8))
}
