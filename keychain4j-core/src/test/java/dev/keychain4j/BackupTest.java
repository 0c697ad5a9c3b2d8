package dev.keychain4j;

import static dev.keychain4j.contract.KeychainContract.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted backups carry migratable secrets and certificates, never keys or this-device-only items. */
class BackupTest {
  static final char[] BACKUP_PASSPHRASE = "backup passphrase".toCharArray();
  static final char[] PASSCODE = "2468".toCharArray();

  @TempDir Path temp;
  Keychain source;
  X509Certificate certificate;

  @BeforeEach
  void fillSource() throws Exception {
    source = Keychain.create(temp.resolve("source"), PASSPHRASE);
    source.setPasscode(PASSCODE);
    for (Accessibility accessibility : Accessibility.values()) {
      source.putSecret(accessibility.cliName(), bytes("secret " + accessibility), "label " + accessibility, accessibility);
      source.generateKey("key-" + accessibility.cliName(), LockStateTest.ec(accessibility));
    }
    certificate = selfSigned();
    source.putCertificate("ca", certificate, "a CA");
  }

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void restoredKeychainHasMigratableItemsOnly() throws Exception {
    Path file = temp.resolve("keychain.backup");

    BackupSummary written = source.backup(file, BACKUP_PASSPHRASE);
    BackupSummary restored;
    try (Keychain fresh = Keychain.create(temp.resolve("fresh"), "another passphrase".toCharArray())) {
      restored = fresh.restore(file, BACKUP_PASSPHRASE);

      for (Accessibility accessibility : Accessibility.values()) {
        if (accessibility.thisDeviceOnly()) {
          assertThatThrownBy(() -> fresh.secret(accessibility.cliName()))
              .as("%s", accessibility)
              .isInstanceOf(ItemNotFoundException.class);
        } else {
          assertThat(fresh.secret(accessibility.cliName())).isEqualTo(bytes("secret " + accessibility));
          assertThat(fresh.secretAccessibility(accessibility.cliName())).isEqualTo(accessibility);
        }
        assertThatThrownBy(() -> fresh.keyInfo("key-" + accessibility.cliName()))
            .isInstanceOf(ItemNotFoundException.class);
      }
      assertThat(fresh.certificate("ca")).isEqualTo(certificate);
      assertThat(fresh.query(ItemQuery.builder().build())).hasSize(3);
    }

    assertThat(written).isEqualTo(new BackupSummary(2, 1, 3, 5));
    assertThat(restored.secrets()).isEqualTo(2);
    assertThat(restored.certificates()).isEqualTo(1);
  }

  @Test
  void backupFileIsPrivateAndEncrypted() throws Exception {
    Path file = temp.resolve("keychain.backup");

    source.backup(file, BACKUP_PASSPHRASE);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String contents = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(contents).doesNotContain("secret ").doesNotContain("label ").doesNotContain("when-unlocked");
  }

  @Test
  void wrongBackupPassphraseRejected() throws Exception {
    Path file = temp.resolve("keychain.backup");
    source.backup(file, BACKUP_PASSPHRASE);

    try (Keychain fresh = Keychain.create(temp.resolve("fresh"), PASSPHRASE)) {
      assertThatThrownBy(() -> fresh.restore(file, PASSPHRASE))
          .isInstanceOf(WrongPassphraseException.class)
          .hasMessageContaining(file.toString());
      assertThat(fresh.query(ItemQuery.builder().build())).isEmpty();
    }
  }

  @Test
  void alteredBackupRejected() throws Exception {
    Path file = temp.resolve("keychain.backup");
    source.backup(file, BACKUP_PASSPHRASE);
    byte[] contents = Files.readAllBytes(file);
    contents[contents.length - 20] ^= 1;
    Files.write(file, contents);

    try (Keychain fresh = Keychain.create(temp.resolve("fresh"), PASSPHRASE)) {
      assertThatThrownBy(() -> fresh.restore(file, BACKUP_PASSPHRASE))
          .isInstanceOf(WrongPassphraseException.class);
    }
  }

  @Test
  void malformedBackupRejected() throws Exception {
    Path garbage = temp.resolve("garbage");
    Files.write(garbage, bytes("not a backup at all, just some text that is long enough"));

    try (Keychain fresh = Keychain.create(temp.resolve("fresh"), PASSPHRASE)) {
      assertThatThrownBy(() -> fresh.restore(garbage, BACKUP_PASSPHRASE))
          .isInstanceOf(KeychainStorageException.class)
          .hasMessageContaining("not a valid keychain4j backup");
      assertThatThrownBy(() -> fresh.restore(temp.resolve("missing"), BACKUP_PASSPHRASE))
          .isInstanceOf(KeychainStorageException.class)
          .hasMessageContaining("not found");
    }
  }

  @Test
  void restoreOverExistingItemRejected() throws Exception {
    Path file = temp.resolve("keychain.backup");
    source.backup(file, BACKUP_PASSPHRASE);

    assertThatThrownBy(() -> source.restore(file, BACKUP_PASSPHRASE))
        .isInstanceOf(DuplicateItemException.class);
  }

  @Test
  void secretAccessibilityFollowsLockState() throws Exception {
    source.lock();

    assertThat(source.secret("after-first-unlock")).isEqualTo(bytes("secret AFTER_FIRST_UNLOCK"));
    assertThatThrownBy(() -> source.secret("when-unlocked"))
        .isInstanceOf(InteractionNotAllowedException.class)
        .hasMessageContaining("when-unlocked");
    assertThatThrownBy(() -> source.secret("when-passcode-set-this-device-only"))
        .isInstanceOf(InteractionNotAllowedException.class);
  }

  @Test
  void editedSecretAccessibilityMakesSecretCorrupted() throws Exception {
    byte[] stored;
    Path database = temp.resolve("source").resolve("keychain.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement select = connection.prepareStatement(
            "SELECT data FROM items WHERE class = 'SECRET' AND tag = 'after-first-unlock'")) {
      try (var rows = select.executeQuery()) {
        rows.next();
        stored = rows.getBytes(1);
      }
      stored[0] = (byte) 0x84;
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE items SET data = ? WHERE class = 'SECRET' AND tag = 'after-first-unlock'")) {
        update.setBytes(1, stored);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
    }

    assertThatThrownBy(() -> source.secret("after-first-unlock")).isInstanceOf(KeyCorruptedException.class);
  }

  @Test
  void removingPasscodeDeletesPasscodeSetSecrets() throws Exception {
    source.removePasscode();

    assertThatThrownBy(() -> source.secret("when-passcode-set-this-device-only"))
        .isInstanceOf(ItemNotFoundException.class);
    assertThat(source.secret("when-unlocked")).isEqualTo(bytes("secret WHEN_UNLOCKED"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static X509Certificate selfSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=Backup Test CA"),
            BigInteger.TWO,
            Date.from(now.minusSeconds(60)),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=Backup Test CA"),
            pair.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }
}
