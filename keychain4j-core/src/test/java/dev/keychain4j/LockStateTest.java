package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.MESSAGE;
import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keychain4j.internal.AuthorizationCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each accessibility in locked and unlocked state, and accessibility bound into the sealed key. */
class LockStateTest {
  static final SignatureSpec ECDSA_SHA256 = SignatureSpec.ecdsa(Digest.SHA256);
  static final char[] PASSCODE = "2468".toCharArray();

  @TempDir Path temp;
  Path directory;
  Keychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    directory = temp.resolve("keychain");
    keychain = Keychain.create(directory, PASSPHRASE);
    keychain.setPasscode(PASSCODE);
  }

  @AfterEach
  void closeKeychain() {
    keychain.close();
  }

  static KeyParameters ec(Accessibility accessibility) {
    return KeyParameters.builder(KeyAlgorithm.EC_P256)
        .purposes(Purpose.SIGN, Purpose.VERIFY)
        .accessibility(accessibility)
        .build();
  }

  @ParameterizedTest
  @EnumSource(Accessibility.class)
  void unlockedKeychainSignsWithEveryAccessibility(Accessibility accessibility) throws Exception {
    keychain.generateKey("k", ec(accessibility));

    byte[] signature = keychain.sign("k", ECDSA_SHA256, MESSAGE);

    assertThat(keychain.isLocked()).isFalse();
    assertThat(keychain.verify("k", ECDSA_SHA256, MESSAGE, signature)).isTrue();
    assertThat(keychain.keyInfo("k").parameters().accessibility()).isEqualTo(accessibility);
  }

  @ParameterizedTest
  @EnumSource(Accessibility.class)
  void lockedKeychainFollowsAccessibility(Accessibility accessibility) throws Exception {
    keychain.generateKey("k", ec(accessibility));
    keychain.sign("k", ECDSA_SHA256, MESSAGE);

    keychain.lock();

    assertThat(keychain.isLocked()).isTrue();
    if (accessibility.requiresUnlocked()) {
      assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOfSatisfying(
              InteractionNotAllowedException.class,
              e -> {
                assertThat(e.tag()).isEqualTo("k");
                assertThat(e.accessibility()).isEqualTo(accessibility);
              })
          .hasMessageContaining("'k'")
          .hasMessageContaining(accessibility.cliName())
          .hasMessageContaining("locked");
    } else {
      assertThat(keychain.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Accessibility.class)
  void unlockRestoresEveryAccessibility(Accessibility accessibility) throws Exception {
    keychain.generateKey("k", ec(accessibility));
    keychain.lock();

    keychain.unlock(PASSPHRASE);

    assertThat(keychain.isLocked()).isFalse();
    assertThat(keychain.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Accessibility.class)
  void neverUnlockedKeychainRefusesEveryAccessibility(Accessibility accessibility) throws Exception {
    keychain.generateKey("k", ec(accessibility));
    keychain.close();

    try (Keychain locked = Keychain.openLocked(directory)) {
      assertThat(locked.isLocked()).isTrue();
      assertThatThrownBy(() -> locked.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(InteractionNotAllowedException.class)
          .hasMessageContaining(accessibility.cliName());

      locked.unlock(PASSPHRASE);
      locked.lock();

      if (accessibility.requiresUnlocked()) {
        assertThatThrownBy(() -> locked.sign("k", ECDSA_SHA256, MESSAGE))
            .isInstanceOf(InteractionNotAllowedException.class);
      } else {
        assertThat(locked.sign("k", ECDSA_SHA256, MESSAGE)).isNotEmpty();
      }
    }
  }

  @Test
  void wrongPassphraseKeepsKeychainLocked() throws Exception {
    keychain.generateKey("k", ec(Accessibility.WHEN_UNLOCKED));
    keychain.lock();

    assertThatThrownBy(() -> keychain.unlock("wrong".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining(directory.toString());
    assertThat(keychain.isLocked()).isTrue();
    assertThatThrownBy(() -> keychain.sign("k", ECDSA_SHA256, MESSAGE))
        .isInstanceOf(InteractionNotAllowedException.class);
  }

  @Test
  void lockedKeychainRefusesSecretsAndNewKeys() throws Exception {
    keychain.putSecret("s", "value".getBytes(StandardCharsets.UTF_8), null);
    keychain.lock();

    assertThatThrownBy(() -> keychain.secret("s")).isInstanceOf(InteractionNotAllowedException.class);
    assertThatThrownBy(() -> keychain.generateKey("new", ec(Accessibility.WHEN_UNLOCKED)))
        .isInstanceOf(InteractionNotAllowedException.class);
    assertThat(keychain.generateKey("afu", ec(Accessibility.AFTER_FIRST_UNLOCK)).tag()).isEqualTo("afu");
  }

  @Test
  void editedAccessibilityMakesKeyCorrupted() throws Exception {
    keychain.generateKey("k", ec(Accessibility.WHEN_UNLOCKED));
    execute(
        "UPDATE items SET authorizations = ? WHERE tag = 'k'",
        AuthorizationCodec.encode(ec(Accessibility.AFTER_FIRST_UNLOCK)));

    try (Keychain reopened = Keychain.open(directory, PASSPHRASE)) {
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class)
          .hasMessageContaining("'k'");
      reopened.lock();
      assertThatThrownBy(() -> reopened.sign("k", ECDSA_SHA256, MESSAGE))
          .isInstanceOf(KeyCorruptedException.class);
    }
  }

  @Test
  void passcodeSetKeyNeedsPasscode() throws Exception {
    keychain.removePasscode();

    assertThatThrownBy(
            () -> keychain.generateKey("k", ec(Accessibility.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY)))
        .isInstanceOf(InteractionNotAllowedException.class)
        .hasMessageContaining("when-passcode-set-this-device-only");
  }

  @Test
  void removingPasscodeDeletesPasscodeSetKeys() throws Exception {
    keychain.generateKey("bound", ec(Accessibility.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY));
    keychain.generateKey("kept", ec(Accessibility.WHEN_UNLOCKED_THIS_DEVICE_ONLY));

    int deleted = keychain.removePasscode();

    assertThat(deleted).isEqualTo(1);
    assertThat(keychain.isPasscodeSet()).isFalse();
    assertThatThrownBy(() -> keychain.keyInfo("bound")).isInstanceOf(ItemNotFoundException.class);
    assertThat(keychain.sign("kept", ECDSA_SHA256, MESSAGE)).isNotEmpty();
  }

  @Test
  void accessibilityNamesRoundTrip() {
    for (Accessibility accessibility : Accessibility.values()) {
      assertThat(Accessibility.fromCliName(accessibility.cliName())).isEqualTo(accessibility);
    }
    assertThatThrownBy(() -> Accessibility.fromCliName("always"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'always'")
        .hasMessageContaining("when-unlocked");
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
