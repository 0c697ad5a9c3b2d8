package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.keychain4j.attestation.apple.internal.EcP256;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AppAttestVerifierTest {
  private final Sample sample = Sample.load();

  private AppAttestation verify(
      AppAttestVerifier verifier, byte[] keyId, byte[] clientDataHash, Instant at)
      throws AppAttestException {
    return verifier.verifyAttestation(sample.attestationObject(), keyId, clientDataHash, at);
  }

  private static void assertRejected(ThrowingCallable call, AppAttestReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(AppAttestException.class)
        .satisfies(e -> assertThat(((AppAttestException) e).reason()).isEqualTo(reason));
  }

  @Test
  void realAttestationVerifiesAtItsInstant() throws Exception {
    AppAttestation result =
        verify(sample.verifier(), sample.keyId(), sample.clientDataHash(), sample.verifyAt());

    assertThat(result.keyId()).isEqualTo(sample.keyId());
    assertThat(EcP256.keyId(result.publicKey())).isEqualTo(sample.keyId());
    assertThat(result.counter()).isZero();
    assertThat(result.environment()).isEqualTo(AppAttestEnvironment.PRODUCTION);
    assertThat(result.appId()).isEqualTo(sample.appId());
    assertThat(result.certificateChain()).hasSize(2);
  }

  @Test
  void realAttestationKeepsReceipt() throws Exception {
    AppAttestation result =
        verify(sample.verifier(), sample.keyId(), sample.clientDataHash(), sample.verifyAt());

    assertThat(result.receipt()).hasSizeGreaterThan(1000);
    assertThat(result.receiptFields()).isPresent();
    AppAttestReceipt receipt = result.receiptFields().orElseThrow();
    assertThat(receipt.appId()).contains(sample.appId().toString());
    assertThat(receipt.receiptType()).contains("ATTEST");
    assertThat(receipt.creationTime()).isPresent();
    assertThat(receipt.expirationTime()).isPresent();
  }

  @Test
  void clockGivesDefaultInstant() throws Exception {
    AppAttestVerifier verifier =
        AppAttestVerifier.builder()
            .appId(sample.appId())
            .clock(java.time.Clock.fixed(sample.verifyAt(), java.time.ZoneOffset.UTC))
            .build();

    assertThat(
            verifier
                .verifyAttestation(
                    sample.attestationObject(), sample.keyId(), sample.clientDataHash())
                .counter())
        .isZero();
  }

  @Test
  void anotherChallengeIsNonceMismatch() {
    assertRejected(
        () ->
            verify(
                sample.verifier(),
                sample.keyId(),
                Sample.sha256Utf8("another challenge"),
                sample.verifyAt()),
        AppAttestReason.NONCE_MISMATCH);
  }

  @Test
  void anotherAppIdIsRpIdMismatch() {
    AppAttestVerifier verifier =
        AppAttestVerifier.builder().appId(AppId.parse("8YE23NZS57.com.kayak.other")).build();

    assertRejected(
        () -> verify(verifier, sample.keyId(), sample.clientDataHash(), sample.verifyAt()),
        AppAttestReason.RP_ID_MISMATCH);
  }

  @Test
  void developmentEnvironmentIsAaguidMismatch() {
    AppAttestVerifier verifier =
        AppAttestVerifier.builder()
            .appId(sample.appId())
            .environment(AppAttestEnvironment.DEVELOPMENT)
            .build();

    assertRejected(
        () -> verify(verifier, sample.keyId(), sample.clientDataHash(), sample.verifyAt()),
        AppAttestReason.AAGUID_MISMATCH);
  }

  @Test
  void changedKeyIdIsKeyIdMismatch() {
    byte[] keyId = sample.keyId();
    keyId[0] ^= 1;

    assertRejected(
        () -> verify(sample.verifier(), keyId, sample.clientDataHash(), sample.verifyAt()),
        AppAttestReason.KEY_ID_MISMATCH);
  }

  @Test
  void instantAfterLeafExpiryIsExpired() {
    X509Certificate leaf = Sample.leafCertificate(sample);
    Instant afterExpiry = leaf.getNotAfter().toInstant().plus(Duration.ofSeconds(1));

    assertRejected(
        () -> verify(sample.verifier(), sample.keyId(), sample.clientDataHash(), afterExpiry),
        AppAttestReason.CERTIFICATE_EXPIRED);
  }

  @Test
  void lastSecondOfLeafValidityVerifies() throws Exception {
    Instant lastSecond = Sample.leafCertificate(sample).getNotAfter().toInstant();

    assertThat(
            verify(sample.verifier(), sample.keyId(), sample.clientDataHash(), lastSecond)
                .counter())
        .isZero();
  }

  @Test
  void instantBeforeLeafIssuedIsNotYetValid() {
    Instant beforeIssue =
        Sample.leafCertificate(sample).getNotBefore().toInstant().minus(Duration.ofSeconds(1));

    assertRejected(
        () -> verify(sample.verifier(), sample.keyId(), sample.clientDataHash(), beforeIssue),
        AppAttestReason.CERTIFICATE_NOT_YET_VALID);
  }

  @Test
  void emulatedDeviceIsChainInvalidUnderAppleRoot() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    byte[] attestation = device.encode(device.attestation(sample.appId(), sample.clientDataHash()));

    assertRejected(
        () ->
            sample
                .verifier()
                .verifyAttestation(
                    attestation, device.keyId(), sample.clientDataHash(), Instant.now()),
        AppAttestReason.CERTIFICATE_CHAIN_INVALID);
  }

  @Test
  void otherFormatIsUnsupported() throws Exception {
    CBORMapper mapper = new CBORMapper();
    ObjectNode object = (ObjectNode) mapper.readTree(sample.attestationObject());
    object.put("fmt", "packed");
    byte[] changed = mapper.writeValueAsBytes(object);

    assertRejected(
        () ->
            sample
                .verifier()
                .verifyAttestation(
                    changed, sample.keyId(), sample.clientDataHash(), sample.verifyAt()),
        AppAttestReason.UNSUPPORTED_FORMAT);
  }

  @Test
  void extraTopLevelKeyIsMalformed() throws Exception {
    CBORMapper mapper = new CBORMapper();
    ObjectNode object = (ObjectNode) mapper.readTree(sample.attestationObject());
    object.put("extra", 1);
    byte[] changed = mapper.writeValueAsBytes(object);

    assertRejected(
        () ->
            sample
                .verifier()
                .verifyAttestation(
                    changed, sample.keyId(), sample.clientDataHash(), sample.verifyAt()),
        AppAttestReason.MALFORMED_ATTESTATION_OBJECT);
  }

  @Test
  void trailingByteIsMalformed() {
    byte[] original = sample.attestationObject();
    byte[] changed = java.util.Arrays.copyOf(original, original.length + 1);

    assertRejected(
        () ->
            sample
                .verifier()
                .verifyAttestation(
                    changed, sample.keyId(), sample.clientDataHash(), sample.verifyAt()),
        AppAttestReason.MALFORMED_ATTESTATION_OBJECT);
  }

  @Test
  void shortClientDataHashIsIllegalArgument() {
    assertThatThrownBy(
            () -> verify(sample.verifier(), sample.keyId(), new byte[31], sample.verifyAt()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31 bytes");
  }

  @Test
  void builderWithoutAppIdFails() {
    assertThatThrownBy(() -> AppAttestVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("appId");
  }
}
