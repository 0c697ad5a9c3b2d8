package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each single change to the real sample is rejected, and no two changes share a reason code, so a
 * caller can tell from the reason which property of the input was wrong.
 */
class RealSampleMutationsTest {
  private final Sample sample = Sample.load();

  /** A verification that is expected to throw. */
  interface Rejection {
    void run() throws Exception;
  }

  private static AppAttestReason reasonOf(Rejection rejection) throws Exception {
    try {
      rejection.run();
    } catch (AppAttestException e) {
      return e.reason();
    }
    throw new AssertionError("the changed input was not rejected");
  }

  private void attest(
      AppAttestVerifier verifier, byte[] keyId, byte[] clientDataHash, boolean expired)
      throws AppAttestException {
    verifier.verifyAttestation(
        sample.attestationObject(),
        keyId,
        clientDataHash,
        expired ? java.time.Instant.parse("2020-09-30T20:28:19Z") : sample.verifyAt());
  }

  private void assertWith(byte[] assertion, long storedCounter) throws Exception {
    ECPublicKey key =
        sample
            .verifier()
            .verifyAttestation(
                sample.attestationObject(),
                sample.keyId(),
                sample.clientDataHash(),
                sample.verifyAt())
            .publicKey();
    InMemoryCounterStore store = new InMemoryCounterStore();
    store.register(sample.keyId(), storedCounter);
    AppAssertionVerifier.builder()
        .appId(sample.appId())
        .counterStore(store)
        .build()
        .verifyAssertion(assertion, sample.assertionClientDataHash(), key);
  }

  private byte[] assertionWithFlippedSignature() throws Exception {
    CBORMapper mapper = new CBORMapper();
    ObjectNode assertion = (ObjectNode) mapper.readTree(sample.assertion());
    byte[] signature = assertion.get("signature").binaryValue();
    signature[10] ^= 0x01;
    assertion.put("signature", signature);
    return mapper.writeValueAsBytes(assertion);
  }

  @Test
  void eachChangeHasItsOwnReason() throws Exception {
    byte[] otherKeyId = sample.keyId();
    otherKeyId[31] ^= 0x01;
    AppAttestVerifier otherApp =
        AppAttestVerifier.builder().appId(AppId.parse("8YE23NZS57.com.kayak.other")).build();
    AppAttestVerifier development =
        AppAttestVerifier.builder()
            .appId(sample.appId())
            .environment(AppAttestEnvironment.DEVELOPMENT)
            .build();

    Map<String, AppAttestReason> reasons = new LinkedHashMap<>();
    reasons.put(
        "another challenge",
        reasonOf(() -> attest(sample.verifier(), sample.keyId(), Sample.sha256Utf8("x"), false)));
    reasons.put(
        "another app id",
        reasonOf(() -> attest(otherApp, sample.keyId(), sample.clientDataHash(), false)));
    reasons.put(
        "development environment",
        reasonOf(() -> attest(development, sample.keyId(), sample.clientDataHash(), false)));
    reasons.put(
        "changed key id",
        reasonOf(() -> attest(sample.verifier(), otherKeyId, sample.clientDataHash(), false)));
    reasons.put("changed counter", reasonOf(() -> assertWith(sample.assertion(), 1)));
    reasons.put(
        "flipped signature byte", reasonOf(() -> assertWith(assertionWithFlippedSignature(), 0)));
    reasons.put(
        "after certificate expiry",
        reasonOf(() -> attest(sample.verifier(), sample.keyId(), sample.clientDataHash(), true)));

    assertThat(reasons)
        .containsEntry("another challenge", AppAttestReason.NONCE_MISMATCH)
        .containsEntry("another app id", AppAttestReason.RP_ID_MISMATCH)
        .containsEntry("development environment", AppAttestReason.AAGUID_MISMATCH)
        .containsEntry("changed key id", AppAttestReason.KEY_ID_MISMATCH)
        .containsEntry("changed counter", AppAttestReason.COUNTER_NOT_INCREASED)
        .containsEntry("flipped signature byte", AppAttestReason.SIGNATURE_INVALID)
        .containsEntry("after certificate expiry", AppAttestReason.CERTIFICATE_EXPIRED);
    assertThat(reasons.values()).doesNotHaveDuplicates();
  }
}
