package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.security.interfaces.ECPublicKey;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppAssertionVerifierTest {
  private final Sample sample = Sample.load();
  private final InMemoryCounterStore store = new InMemoryCounterStore();
  private ECPublicKey publicKey;

  @BeforeEach
  void attest() throws Exception {
    AppAttestation attestation =
        sample
            .verifier()
            .verifyAttestation(
                sample.attestationObject(),
                sample.keyId(),
                sample.clientDataHash(),
                sample.verifyAt());
    publicKey = attestation.publicKey();
    store.register(attestation.keyId(), attestation.counter());
  }

  private AppAssertionVerifier verifier(AppId appId) {
    return AppAssertionVerifier.builder().appId(appId).counterStore(store).build();
  }

  private AppAssertion verify(byte[] assertion) throws Exception {
    return verifier(sample.appId())
        .verifyAssertion(assertion, sample.assertionClientDataHash(), publicKey);
  }

  private static void assertRejected(ThrowingCallable call, AppAttestReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(AppAttestException.class)
        .satisfies(e -> assertThat(((AppAttestException) e).reason()).isEqualTo(reason));
  }

  @Test
  void realAssertionVerifiesAfterAttestation() throws Exception {
    AppAssertion result = verify(sample.assertion());

    assertThat(result.counter()).isEqualTo(1);
    assertThat(result.keyId()).isEqualTo(sample.keyId());
    assertThat(store.counter(sample.keyId())).hasValue(1);
  }

  @Test
  void replayIsCounterNotIncreased() throws Exception {
    verify(sample.assertion());

    assertRejected(() -> verify(sample.assertion()), AppAttestReason.COUNTER_NOT_INCREASED);
  }

  @Test
  void storedCounterEqualIsCounterNotIncreased() throws Exception {
    store.advance(sample.keyId(), 1);

    assertRejected(() -> verify(sample.assertion()), AppAttestReason.COUNTER_NOT_INCREASED);
  }

  @Test
  void flippedSignatureByteIsSignatureInvalid() throws Exception {
    CBORMapper mapper = new CBORMapper();
    ObjectNode assertion = (ObjectNode) mapper.readTree(sample.assertion());
    byte[] signature = assertion.get("signature").binaryValue();
    signature[signature.length - 1] ^= 0x01;
    assertion.put("signature", signature);
    byte[] changed = mapper.writeValueAsBytes(assertion);

    assertRejected(() -> verify(changed), AppAttestReason.SIGNATURE_INVALID);
    assertThat(store.counter(sample.keyId())).hasValue(0);
  }

  @Test
  void changedCounterIsSignatureInvalid() throws Exception {
    CBORMapper mapper = new CBORMapper();
    ObjectNode assertion = (ObjectNode) mapper.readTree(sample.assertion());
    byte[] authData = assertion.get("authenticatorData").binaryValue();
    authData[36] = 2;
    assertion.put("authenticatorData", authData);
    byte[] changed = mapper.writeValueAsBytes(assertion);

    assertRejected(() -> verify(changed), AppAttestReason.SIGNATURE_INVALID);
  }

  @Test
  void anotherChallengeIsSignatureInvalid() {
    assertRejected(
        () ->
            verifier(sample.appId())
                .verifyAssertion(sample.assertion(), Sample.sha256Utf8("other"), publicKey),
        AppAttestReason.SIGNATURE_INVALID);
  }

  @Test
  void anotherAppIdIsRpIdMismatch() {
    AppAssertionVerifier verifier = verifier(AppId.parse("8YE23NZS57.com.kayak.other"));

    assertRejected(
        () ->
            verifier.verifyAssertion(
                sample.assertion(), sample.assertionClientDataHash(), publicKey),
        AppAttestReason.RP_ID_MISMATCH);
    assertThat(store.counter(sample.keyId())).hasValue(0);
  }

  @Test
  void unregisteredKeyIsUnknownKey() {
    AppAssertionVerifier verifier =
        AppAssertionVerifier.builder()
            .appId(sample.appId())
            .counterStore(new InMemoryCounterStore())
            .build();

    assertRejected(
        () ->
            verifier.verifyAssertion(
                sample.assertion(), sample.assertionClientDataHash(), publicKey),
        AppAttestReason.UNKNOWN_KEY);
  }

  @Test
  void extraKeyIsMalformedAssertion() throws Exception {
    CBORMapper mapper = new CBORMapper();
    ObjectNode assertion = (ObjectNode) mapper.readTree(sample.assertion());
    assertion.put("extra", true);
    byte[] changed = mapper.writeValueAsBytes(assertion);

    assertRejected(() -> verify(changed), AppAttestReason.MALFORMED_ASSERTION);
  }

  @Test
  void builderWithoutStoreFails() {
    assertThatThrownBy(() -> AppAssertionVerifier.builder().appId(sample.appId()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("counterStore");
  }
}
