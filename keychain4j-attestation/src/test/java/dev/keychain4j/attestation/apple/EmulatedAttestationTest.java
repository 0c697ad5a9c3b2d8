package dev.keychain4j.attestation.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.attestation.apple.internal.EcP256;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Checks that need attestation objects no real device sends, made by {@link EmulatedDevice}. */
class EmulatedAttestationTest {
  private static final AppId APP_ID = AppId.parse("ABCDE12345.dev.keychain4j.example");
  private static final byte[] CLIENT_DATA_HASH = Sample.sha256Utf8("server challenge");

  private static void assertRejected(ThrowingCallable call, AppAttestReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(AppAttestException.class)
        .satisfies(e -> assertThat(((AppAttestException) e).reason()).isEqualTo(reason));
  }

  private static AppAttestation verify(EmulatedDevice device, EmulatedDevice.Attestation settings)
      throws Exception {
    return device
        .verifier(APP_ID, AppAttestEnvironment.PRODUCTION)
        .verifyAttestation(
            device.encode(settings), device.keyId(), CLIENT_DATA_HASH, Instant.now());
  }

  @Test
  void validEmulatedAttestationVerifies() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();

    AppAttestation result = verify(device, device.attestation(APP_ID, CLIENT_DATA_HASH));

    assertThat(result.keyId()).isEqualTo(device.keyId());
    assertThat(result.publicKey().getW()).isEqualTo(device.publicKey().getW());
    assertThat(result.receiptFields()).isEmpty();
  }

  @Test
  void developmentAaguidVerifiesInDevelopment() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.aaguid = AppAttestEnvironment.DEVELOPMENT.aaguid();

    AppAttestation result =
        device
            .verifier(APP_ID, AppAttestEnvironment.DEVELOPMENT)
            .verifyAttestation(
                device.encode(settings), device.keyId(), CLIENT_DATA_HASH, Instant.now());

    assertThat(result.environment()).isEqualTo(AppAttestEnvironment.DEVELOPMENT);
  }

  @Test
  void nonZeroCounterIsRejected() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.counter = 1;

    assertRejected(() -> verify(device, settings), AppAttestReason.COUNTER_NOT_ZERO);
  }

  @Test
  void otherCredentialIdIsRejected() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.credentialId = new byte[32];

    assertRejected(() -> verify(device, settings), AppAttestReason.CREDENTIAL_ID_MISMATCH);
  }

  @Test
  void otherCoseKeyIsRejected() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.coseKey = EmulatedDevice.create().publicKey();

    assertRejected(() -> verify(device, settings), AppAttestReason.PUBLIC_KEY_MISMATCH);
  }

  @Test
  void unknownAaguidIsRejected() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.aaguid = new byte[16];

    assertRejected(() -> verify(device, settings), AppAttestReason.AAGUID_MISMATCH);
  }

  @Test
  void coordinateWithoutLeadingZeroVerifies() throws Exception {
    EmulatedDevice device = EmulatedDevice.withShortX();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.stripLeadingZeros = true;

    AppAttestation result = verify(device, settings);

    assertThat(EcP256.uncompressed(result.publicKey().getW())[1]).isZero();
    assertThat(result.keyId()).isEqualTo(device.keyId());
  }

  @Test
  void extensionsWithoutEdFlagVerify() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.trailing = EmulatedDevice.iosExtensions();

    assertThat(verify(device, settings).counter()).isZero();
  }

  @Test
  void extensionsWithEdFlagVerify() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.trailing = EmulatedDevice.iosExtensions();
    settings.flags = 0x40 | 0x80;

    assertThat(verify(device, settings).counter()).isZero();
  }

  @Test
  void edFlagWithoutExtensionsIsMalformed() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.flags = 0x40 | 0x80;

    assertRejected(() -> verify(device, settings), AppAttestReason.MALFORMED_AUTHENTICATOR_DATA);
  }

  @Test
  void trailingNonMapBytesAreMalformed() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.trailing = new byte[] {0x01};

    assertRejected(() -> verify(device, settings), AppAttestReason.MALFORMED_AUTHENTICATOR_DATA);
  }

  @Test
  void missingAtFlagIsMalformed() throws Exception {
    EmulatedDevice device = EmulatedDevice.create();
    EmulatedDevice.Attestation settings = device.attestation(APP_ID, CLIENT_DATA_HASH);
    settings.flags = 0;

    assertRejected(() -> verify(device, settings), AppAttestReason.MALFORMED_AUTHENTICATOR_DATA);
  }
}
