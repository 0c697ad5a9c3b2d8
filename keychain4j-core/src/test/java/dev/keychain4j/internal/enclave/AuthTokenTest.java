package dev.keychain4j.internal.enclave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.AccessControl;
import dev.keychain4j.AuthenticatorType;
import dev.keychain4j.Digest;
import dev.keychain4j.InsecureTestBiometricAuthenticator;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.KeyParameters;
import dev.keychain4j.Purpose;
import dev.keychain4j.SignatureSpec;
import dev.keychain4j.UserNotAuthenticatedException;
import dev.keychain4j.spi.AuthToken;
import dev.keychain4j.spi.ElementKey;
import dev.keychain4j.spi.GeneratedKey;
import dev.keychain4j.spi.KeyBinding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enclave verifies authentication tokens itself: forged, altered, replayed and expired ones. */
class AuthTokenTest {
  static final byte[] PASSPHRASE = "token test passphrase".getBytes(StandardCharsets.UTF_8);
  static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);
  static final SignatureSpec SPEC = SignatureSpec.ecdsa(Digest.SHA256);

  final SoftwareEnclave enclave = SoftwareEnclave.create(PASSPHRASE);
  final InsecureTestBiometricAuthenticator biometric = new InsecureTestBiometricAuthenticator();

  @AfterEach
  void close() {
    enclave.close();
  }

  private ElementKey generate(SoftwareEnclave element, String tag, KeyParameters parameters) throws Exception {
    element.registerAuthenticator(biometric);
    KeyBinding binding = new KeyBinding(tag, tag.hashCode() & 0x7fffffffL);
    GeneratedKey generated = element.generateKey(binding, parameters);
    return new ElementKey(binding, parameters, generated.reference(), null);
  }

  private static KeyParameters parameters(int timeoutSeconds) {
    KeyParameters.Builder builder =
        KeyParameters.builder(KeyAlgorithm.EC_P256)
            .purposes(Purpose.SIGN)
            .accessControl(AccessControl.parse("private-key-usage,biometry-any"));
    if (timeoutSeconds > 0) {
      builder.authTimeoutSeconds(timeoutSeconds);
    }
    return builder.build();
  }

  @Test
  void validTokenSigns() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));
    long challenge = enclave.beginOperation(key.binding());
    AuthToken token = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, challenge, "test");

    assertThat(enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE)).isNotEmpty();
  }

  @Test
  void missingTokenRejected() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));

    assertThatThrownBy(() -> enclave.sign(key, SPEC, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class)
        .hasMessageContaining("no authentication token");
  }

  @Test
  void forgedTokenRejected() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));
    long challenge = enclave.beginOperation(key.binding());
    byte[] forged = new byte[AuthToken.LENGTH];
    System.arraycopy(
        AuthToken.unmacedBytes(AuthenticatorType.BIOMETRY_ANY, biometric.enrollmentId(), System.currentTimeMillis(), challenge),
        0, forged, 0, AuthToken.MAC_OFFSET);

    assertThatThrownBy(
            () -> enclave.sign(key.withAuthTokens(List.of(AuthToken.decode(forged))), SPEC, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class)
        .hasMessageContaining("forged or altered");
  }

  @Test
  void tokenOfAnotherEnclaveRejected() throws Exception {
    try (SoftwareEnclave other = SoftwareEnclave.create(PASSPHRASE)) {
      ElementKey key = generate(enclave, "k", parameters(0));
      generate(other, "k", parameters(0));
      long challenge = enclave.beginOperation(key.binding());
      AuthToken foreign = other.authenticate(AuthenticatorType.BIOMETRY_ANY, challenge, "test");

      assertThatThrownBy(() -> enclave.sign(key.withAuthTokens(List.of(foreign)), SPEC, MESSAGE))
          .isInstanceOf(UserNotAuthenticatedException.class)
          .hasMessageContaining("forged or altered");
    }
  }

  @Test
  void alteredTokenRejected() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));
    long challenge = enclave.beginOperation(key.binding());
    byte[] encoded = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, challenge, "test").encoded();

    for (int position : new int[] {1, 2, 10, 18, 26, AuthToken.LENGTH - 1}) {
      byte[] altered = encoded.clone();
      altered[position] ^= position == 1 ? 0x0c : 0x01;
      assertThatThrownBy(
              () -> enclave.sign(key.withAuthTokens(List.of(AuthToken.decode(altered))), SPEC, MESSAGE))
          .as("byte %d altered", position)
          .isInstanceOf(UserNotAuthenticatedException.class);
    }
    assertThat(enclave.sign(key.withAuthTokens(List.of(AuthToken.decode(encoded))), SPEC, MESSAGE))
        .isNotEmpty();
  }

  @Test
  void replayedTokenRejected() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));
    long challenge = enclave.beginOperation(key.binding());
    AuthToken token = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, challenge, "test");
    enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE);

    assertThatThrownBy(() -> enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class)
        .hasMessageContaining("replayed");
  }

  @Test
  void tokenForAnotherKeyRejected() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));
    ElementKey other = generate(enclave, "other", parameters(0));
    long challenge = enclave.beginOperation(other.binding());
    AuthToken token = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, challenge, "test");

    assertThatThrownBy(() -> enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class);
  }

  @Test
  void windowTokenWithoutChallengeRejectedPerOperation() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(0));
    AuthToken token = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, 0, "test");

    assertThatThrownBy(() -> enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class);
  }

  @Test
  void windowTokenReusableInsideWindowOnly() throws Exception {
    ElementKey key = generate(enclave, "k", parameters(1));
    AuthToken token = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, 0, "test");

    enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE);
    enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE);
    Thread.sleep(1_200);

    assertThatThrownBy(() -> enclave.sign(key.withAuthTokens(List.of(token)), SPEC, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class)
        .hasMessageContaining("window");
  }

  @Test
  void tokenToStringHidesMac() throws Exception {
    enclave.registerAuthenticator(biometric);
    AuthToken token = enclave.authenticate(AuthenticatorType.BIOMETRY_ANY, 0, "test");

    assertThat(token.toString()).contains("BIOMETRY_ANY").doesNotContain("mac");
  }

  @Test
  void malformedTokenBytesRejectedOnDecode() {
    assertThatThrownBy(() -> AuthToken.decode(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] unknownType = new byte[AuthToken.LENGTH];
    unknownType[0] = 1;
    unknownType[1] = (byte) 0x80;
    assertThatThrownBy(() -> AuthToken.decode(unknownType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
  }

  @Test
  void delaysGrowAfterFiveFailures() {
    assertThat(PasscodeRecords.delayAfter(4).toSeconds()).isZero();
    assertThat(PasscodeRecords.delayAfter(5).toSeconds()).isEqualTo(30);
    assertThat(PasscodeRecords.delayAfter(6).toSeconds()).isEqualTo(60);
    assertThat(PasscodeRecords.delayAfter(7).toSeconds()).isEqualTo(120);
    assertThat(PasscodeRecords.delayAfter(100).toHours()).isEqualTo(1);
  }
}
