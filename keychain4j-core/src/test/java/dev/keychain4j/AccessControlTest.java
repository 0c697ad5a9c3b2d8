package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.MESSAGE;
import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.internal.AuthorizationCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access control combinations, authentication windows, passcode lockout and enrollment changes. */
class AccessControlTest {
  static final SignatureSpec ECDSA_SHA256 = SignatureSpec.ecdsa(Digest.SHA256);
  static final char[] PASSCODE = "2468".toCharArray();

  @TempDir Path temp;
  Path directory;
  Keychain keychain;
  CountingPresence presence = new CountingPresence();
  InsecureTestBiometricAuthenticator biometric = new InsecureTestBiometricAuthenticator();
  AtomicInteger passcodePrompts = new AtomicInteger();
  volatile char[] enteredPasscode = PASSCODE;

  @BeforeEach
  void createKeychain() throws Exception {
    directory = temp.resolve("keychain");
    keychain = Keychain.create(directory, PASSPHRASE);
    configure(keychain);
    keychain.setPasscode(PASSCODE);
  }

  private void configure(Keychain opened) throws KeychainException {
    opened.registerAuthenticator(presence);
    opened.registerAuthenticator(biometric);
    opened.setPasscodePrompt(reason -> {
      passcodePrompts.incrementAndGet();
      return enteredPasscode.clone();
    });
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  private static KeyParameters key(String access) {
    return KeyParameters.builder(KeyAlgorithm.EC_P256)
        .purposes(Purpose.SIGN, Purpose.VERIFY)
        .accessControl(AccessControl.parse(access))
        .build();
  }

  private static KeyParameters windowed(String access, int seconds) {
    return key(access).toBuilder().authTimeoutSeconds(seconds).build();
  }

  // ---- Expressions ----

  @Test
  void parseReadsAndOrAndPrivateKeyUsage() {
    AccessControl either = AccessControl.parse("private-key-usage,biometry-any|device-passcode");
    AccessControl both = AccessControl.parse("user-presence,biometry-current-set");

    assertThat(either.privateKeyUsage()).isTrue();
    assertThat(either.combination()).isEqualTo(AccessControl.Combination.OR);
    assertThat(either.types())
        .containsExactlyInAnyOrder(AuthenticatorType.BIOMETRY_ANY, AuthenticatorType.DEVICE_PASSCODE);
    assertThat(both.privateKeyUsage()).isFalse();
    assertThat(both.combination()).isEqualTo(AccessControl.Combination.AND);
    assertThat(AccessControl.parse(either.toExpression())).isEqualTo(either);
    assertThat(AccessControl.parse(both.toExpression())).isEqualTo(both);
    assertThat(AccessControl.parse("private-key-usage").types()).isEmpty();
  }

  @Test
  void parseRejectsBadExpressions() {
    assertThatThrownBy(() -> AccessControl.parse("user-presence,biometry-any|device-passcode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both");
    assertThatThrownBy(() -> AccessControl.parse("private-key-usage,face"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'face'");
    assertThatThrownBy(() -> AccessControl.parse("user-presence|user-presence"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> AccessControl.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessControl.parse("user-presence,,device-passcode"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeoutWithoutAuthenticationRejected() {
    assertThatThrownBy(() -> windowed("private-key-usage", 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  @Test
  void accessControlSurvivesCodec() throws Exception {
    KeyParameters parameters = windowed("private-key-usage,biometry-current-set|device-passcode", 90);

    assertThat(AuthorizationCodec.decode(AuthorizationCodec.encode(parameters))).isEqualTo(parameters);
  }

  // ---- Combinations ----

  @Test
  void orNeedsAnyOneType() throws Exception {
    keychain.generateKey("k", key("private-key-usage,user-presence|biometry-any"));

    presence.accepting = false;
    assertThat(keychain.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    assertThat(biometric.prompts()).isEqualTo(1);

    biometric.setAccepting(false);
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class);

    presence.accepting = true;
    assertThat(keychain.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
  }

  @Test
  void andNeedsEveryType() throws Exception {
    keychain.generateKey("k", key("private-key-usage,user-presence,biometry-any"));

    biometric.setAccepting(false);
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class);

    biometric.setAccepting(true);
    presence.accepting = false;
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class);

    presence.accepting = true;
    assertThat(keychain.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    // Presence is asked first each time, so the declined biometric attempt also asked it.
    assertThat(presence.prompts.get()).isEqualTo(3);
  }

  @Test
  void andWithPasscodeNeedsRightPasscode() throws Exception {
    keychain.generateKey("k", key("private-key-usage,device-passcode,biometry-any"));

    enteredPasscode = "1111".toCharArray();
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class)
        .hasMessageContaining("Wrong passcode");

    enteredPasscode = PASSCODE;
    assertThat(keychain.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
  }

  @Test
  void missingPrivateKeyUsageAllowsNoSignature() throws Exception {
    keychain.generateKey("k", key("user-presence"));

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(IncompatiblePurposeException.class)
        .hasMessageContaining("private-key-usage");
  }

  @Test
  void missingAuthenticatorRejected() throws Exception {
    try (Keychain bare = Keychain.create(temp.resolve("bare"), PASSPHRASE)) {
      bare.generateKey("k", key("private-key-usage,user-presence"));

      assertThatThrownBy(() -> bare.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(UserNotAuthenticatedException.class)
          .hasMessageContaining("user-presence");
    }
  }

  // ---- Per-operation and windowed ----

  @Test
  void perOperationKeyAsksEveryTime() throws Exception {
    keychain.generateKey("k", key("private-key-usage,user-presence"));

    keychain.sign("k", ECDSA_SHA256, MESSAGE);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(presence.prompts.get()).isEqualTo(3);
  }

  @Test
  void windowedKeyAsksOnceInsideWindow() throws Exception {
    keychain.generateKey("k", windowed("private-key-usage,user-presence", 60));

    keychain.sign("k", ECDSA_SHA256, MESSAGE);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(presence.prompts.get()).isEqualTo(1);
  }

  @Test
  void windowedKeyAsksAgainPastWindow() throws Exception {
    keychain.generateKey("k", windowed("private-key-usage,user-presence", 1));
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    Thread.sleep(1_200);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(presence.prompts.get()).isEqualTo(2);
  }

  @Test
  void explicitAuthenticationCoversWindow() throws Exception {
    keychain.generateKey("k", windowed("private-key-usage,device-passcode", 60));

    keychain.authenticate(AuthenticatorType.DEVICE_PASSCODE);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(passcodePrompts.get()).isEqualTo(1);
  }

  @Test
  void lockForgetsWindowTokens() throws Exception {
    keychain.generateKey(
        "k",
        windowed("private-key-usage,user-presence", 60).toBuilder()
            .accessibility(Accessibility.AFTER_FIRST_UNLOCK)
            .build());
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    keychain.lock();
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(presence.prompts.get()).isEqualTo(2);
  }

  // ---- Passcode lockout ----

  @Test
  void passcodeLockoutSurvivesRestart() throws Exception {
    keychain.generateKey("k", key("private-key-usage,device-passcode"));
    enteredPasscode = "0000".toCharArray();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(UserNotAuthenticatedException.class)
          .isNotInstanceOf(AuthenticationLockoutException.class);
    }
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(AuthenticationLockoutException.class);
    keychain.close();

    enteredPasscode = PASSCODE;
    try (Keychain reopened = Keychain.open(directory, PASSPHRASE)) {
      configure(reopened);
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOfSatisfying(
              AuthenticationLockoutException.class,
              e -> assertThat(e.retryAfter().toSeconds()).isBetween(25L, 30L))
          .hasMessageContaining("5 consecutive failures");
    }
    assertThat(passcodePrompts.get()).isEqualTo(5);
  }

  @Test
  void editedFailureCountMakesRecordCorrupted() throws Exception {
    keychain.generateKey("k", key("private-key-usage,device-passcode"));
    enteredPasscode = "0000".toCharArray();
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(UserNotAuthenticatedException.class);

    byte[] record = meta("passcode");
    record[1 + 1 + 16 + 32 + 3] = 0;
    execute("UPDATE meta SET value = ? WHERE name = 'passcode'", record);

    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyCorruptedException.class)
        .hasMessageContaining("passcode record");
  }

  // ---- Biometric enrollment ----

  @Test
  void enrollmentChangeInvalidatesCurrentSetKeysOnly() throws Exception {
    keychain.generateKey("current", key("private-key-usage,biometry-current-set"));
    keychain.generateKey("any", key("private-key-usage,biometry-any"));
    keychain.sign("current", ECDSA_SHA256, MESSAGE);

    biometric.changeEnrollment();

    assertThatThrownBy(() -> keychain.sign("current", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyPermanentlyInvalidatedException.class)
        .hasMessageContaining("'current'");
    assertThat(keychain.sign("any", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    biometric.changeEnrollment();
    assertThatThrownBy(() -> keychain.sign("current", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(KeyPermanentlyInvalidatedException.class);
  }

  @Test
  void enrollmentChangeInvalidatesAfterRestart() throws Exception {
    keychain.generateKey("current", key("private-key-usage,biometry-current-set"));
    keychain.close();
    biometric.changeEnrollment();

    try (Keychain reopened = Keychain.open(directory, PASSPHRASE)) {
      configure(reopened);
      assertThatThrownBy(() -> reopened.sign("current", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyPermanentlyInvalidatedException.class);
    }
  }

  @Test
  void currentSetKeyNeedsBiometricAuthenticator() throws Exception {
    try (Keychain bare = Keychain.create(temp.resolve("bare"), PASSPHRASE)) {
      assertThatThrownBy(
              () -> bare.generateKey("k", key("private-key-usage,biometry-current-set")))
          .isInstanceOf(UserNotAuthenticatedException.class)
          .hasMessageContaining("biometry-current-set");
    }
  }

  @Test
  void editedAccessControlMakesKeyCorrupted() throws Exception {
    keychain.generateKey("k", key("private-key-usage,user-presence"));
    execute(
        "UPDATE items SET authorizations = ? WHERE tag = 'k'",
        AuthorizationCodec.encode(key("private-key-usage")));

    try (Keychain reopened = Keychain.open(directory, PASSPHRASE)) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class);
    }
    assertThat(Set.of(presence.prompts.get())).containsExactly(0);
  }

  @Test
  void attestationOmitsNoAuthRequiredWhenAuthenticationNeeded() throws Exception {
    keychain.generateKey("guarded", key("private-key-usage,user-presence"));
    keychain.generateKey("open", KeyParameters.builder(KeyAlgorithm.EC_P256).purposes(Purpose.SIGN).build());

    assertThat(authorizationTags("guarded")).doesNotContain(NO_AUTH_REQUIRED);
    assertThat(authorizationTags("open")).contains(NO_AUTH_REQUIRED);
  }

  /** KeyMint's tag number of noAuthRequired in a KeyDescription's authorization lists. */
  private static final int NO_AUTH_REQUIRED = 503;

  private java.util.List<Integer> authorizationTags(String tag) throws Exception {
    java.security.cert.X509Certificate leaf = keychain.attest(tag, new byte[] {7}).get(0);
    byte[] extension = leaf.getExtensionValue("1.3.6.1.4.1.11129.2.1.17");
    org.bouncycastle.asn1.ASN1Sequence description =
        org.bouncycastle.asn1.ASN1Sequence.getInstance(
            org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets());
    java.util.List<Integer> tags = new java.util.ArrayList<>();
    for (int list = 6; list <= 7; list++) {
      for (org.bouncycastle.asn1.ASN1Encodable entry :
          org.bouncycastle.asn1.ASN1Sequence.getInstance(description.getObjectAt(list))) {
        tags.add(org.bouncycastle.asn1.ASN1TaggedObject.getInstance(entry).getTagNo());
      }
    }
    return tags;
  }

  private byte[] meta(String name) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        PreparedStatement statement = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      statement.setString(1, name);
      try (var rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getBytes(1);
      }
    }
  }

  private void execute(String sql, byte[]... parameters) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keychain.db"));
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setBytes(i + 1, parameters[i]);
      }
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }
}
