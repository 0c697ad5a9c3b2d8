package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keychain backup and restore, and keychain passcode. */
class BackupCommandsTest {
  @TempDir Path temp;

  @Test
  void restoreBringsMigratableSecretsOnly() throws Exception {
    Files.createDirectories(temp.resolve("source"));
    TestKeychain source = TestKeychain.create(temp.resolve("source"));
    Files.createDirectories(temp.resolve("fresh"));
    TestKeychain fresh = TestKeychain.create(temp.resolve("fresh"));
    Path backupPassphrase = temp.resolve("backup-passphrase.txt");
    Files.writeString(backupPassphrase, "backup passphrase\n");
    Path file = temp.resolve("keychain.backup");
    source.runWithStdin("moves".getBytes(UTF_8), "secret", "put", "--tag", "moves");
    source.runWithStdin(
        "stays".getBytes(UTF_8), "secret", "put", "--tag", "stays", "--accessible", "when-unlocked-this-device-only");
    source.ok("generate", "--tag", "key", "--algorithm", "ec-p256", "--purpose", "sign");

    CliResult backup =
        source.run("backup", "--out", file.toString(), "--backup-passphrase-file", backupPassphrase.toString());
    CliResult restore =
        fresh.run("restore", "--in", file.toString(), "--backup-passphrase-file", backupPassphrase.toString());
    CliResult moved = fresh.run("secret", "get", "--tag", "moves");
    CliResult stayed = fresh.run("secret", "get", "--tag", "stays");
    CliResult key = fresh.run("show", "--tag", "key");

    assertThat(backup.exitCode()).as("%s", backup).isZero();
    assertThat(backup.stdout()).contains("1 secrets").contains("1 this-device-only").contains("1 keys");
    assertThat(restore.exitCode()).as("%s", restore).isZero();
    assertThat(moved.stdout()).isEqualTo("moves");
    assertThat(stayed.exitCode()).as("%s", stayed).isEqualTo(1);
    assertThat(key.exitCode()).as("%s", key).isEqualTo(1);
  }

  @Test
  void restoreWithWrongPassphraseFails() throws Exception {
    Files.createDirectories(temp.resolve("source"));
    TestKeychain source = TestKeychain.create(temp.resolve("source"));
    Path other = temp.resolve("other.txt");
    Files.writeString(other, "other passphrase\n");
    Path file = temp.resolve("keychain.backup");
    source.runWithStdin("moves".getBytes(UTF_8), "secret", "put", "--tag", "moves");
    source.ok("backup", "--out", file.toString());

    Files.createDirectories(temp.resolve("fresh"));
    TestKeychain fresh = TestKeychain.create(temp.resolve("fresh"));
    CliResult restore =
        fresh.run("restore", "--in", file.toString(), "--backup-passphrase-file", other.toString());

    assertThat(restore.exitCode()).as("%s", restore).isEqualTo(1);
    assertThat(restore.stderr()).contains("does not decrypt");
  }

  @Test
  void removingPasscodeNeedsConfirmation() throws Exception {
    TestKeychain keychain = TestKeychain.create(temp);
    Path passcode = temp.resolve("passcode.txt");
    Files.writeString(passcode, "2468\n");
    keychain.ok("passcode", "set", "--passcode-file", passcode.toString());
    keychain.ok(
        "generate", "--tag", "bound", "--algorithm", "ec-p256", "--purpose", "sign",
        "--accessible", "when-passcode-set-this-device-only");

    CliResult unconfirmed = keychain.run("passcode", "remove");
    CliResult stillThere = keychain.run("show", "--tag", "bound");
    CliResult removed = keychain.run("passcode", "remove", "--yes");
    CliResult gone = keychain.run("show", "--tag", "bound");

    assertThat(unconfirmed.exitCode()).as("%s", unconfirmed).isEqualTo(2);
    assertThat(unconfirmed.stderr()).contains("--yes");
    assertThat(stillThere.exitCode()).as("%s", stillThere).isZero();
    assertThat(removed.exitCode()).as("%s", removed).isZero();
    assertThat(removed.stdout()).contains("deleted 1 items");
    assertThat(gone.exitCode()).as("%s", gone).isEqualTo(1);
  }
}
