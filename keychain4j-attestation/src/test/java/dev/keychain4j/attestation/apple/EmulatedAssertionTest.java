package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assertion shapes seen from newer iOS versions, made by {@link EmulatedDevice}. */
class EmulatedAssertionTest {
  private static final AppId APP_ID = AppId.parse("ABCDE12345.dev.keychain4j.example");
  private static final byte[] CLIENT_DATA_HASH = Sample.sha256Utf8("request body and challenge");

  private EmulatedDevice device;
  private InMemoryCounterStore store;
  private AppAssertionVerifier verifier;

  @BeforeEach
  void register() throws Exception {
    device = EmulatedDevice.create();
    store = new InMemoryCounterStore();
    store.register(device.keyId(), 0);
    verifier = AppAssertionVerifier.builder().appId(APP_ID).counterStore(store).build();
  }

  private AppAssertion verify(int flags, byte[] trailing) throws Exception {
    byte[] assertion = device.assertion(APP_ID, CLIENT_DATA_HASH, 5, flags, trailing);
    return verifier.verifyAssertion(assertion, CLIENT_DATA_HASH, device.publicKey());
  }

  @Test
  void plainAssertionVerifies() throws Exception {
    assertThat(verify(0, new byte[0]).counter()).isEqualTo(5);
  }

  @Test
  void atFlagWithoutAttestedDataVerifies() throws Exception {
    assertThat(verify(0x40, new byte[0]).counter()).isEqualTo(5);
  }

  @Test
  void extensionsWithoutEdFlagVerify() throws Exception {
    assertThat(verify(0x40, EmulatedDevice.iosExtensions()).counter()).isEqualTo(5);
  }

  @Test
  void extensionsWithEdFlagVerify() throws Exception {
    assertThat(verify(0x80, EmulatedDevice.iosExtensions()).counter()).isEqualTo(5);
  }

  @Test
  void edFlagWithoutExtensionsIsMalformed() {
    assertThatThrownBy(() -> verify(0x80, new byte[0]))
        .isInstanceOf(AppAttestException.class)
        .satisfies(
            e ->
                assertThat(((AppAttestException) e).reason())
                    .isEqualTo(AppAttestReason.MALFORMED_AUTHENTICATOR_DATA));
  }

  @Test
  void trailingNonMapIsMalformed() {
    assertThatThrownBy(() -> verify(0, new byte[] {0x00, 0x01}))
        .isInstanceOf(AppAttestException.class)
        .satisfies(
            e ->
                assertThat(((AppAttestException) e).reason())
                    .isEqualTo(AppAttestReason.MALFORMED_AUTHENTICATOR_DATA));
  }

  @Test
  void counterJumpIsAccepted() throws Exception {
    verify(0, new byte[0]);

    byte[] later = device.assertion(APP_ID, CLIENT_DATA_HASH, 4_000_000_000L, 0, new byte[0]);

    assertThat(verifier.verifyAssertion(later, CLIENT_DATA_HASH, device.publicKey()).counter())
        .isEqualTo(4_000_000_000L);
  }
}
