package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rejected operation prints one line naming the value, exits with the documented code, and
 * leaves the keychain as it was: the same {@code list --json}, the same rows and the same database
 * bytes.
 */
class RejectedOperationsTest {
  @TempDir Path temp;

  private TestKeychain keychain;

  @BeforeEach
  void createKeychainWithOneKey() throws Exception {
    keychain = TestKeychain.create(temp);
    keychain.ok("generate", "--tag", "signer", "--algorithm", "ec-p256", "--purpose", "sign", "--usage-limit", "3");
    Files.writeString(temp.resolve("msg"), "message");
  }

  @Test
  void wrongPassphraseIsRejected() throws Exception {
    TestKeychain.Snapshot before = keychain.snapshot();
    Path wrong = temp.resolve("wrong.txt");
    Files.writeString(wrong, "not the passphrase\n");

    CliResult result =
        Cli.withoutTerminal()
            .run("list", "--keychain", keychain.directory().toString(), "--passphrase-file", wrong.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("Wrong passphrase");
    assertNoStackTrace(result);
    assertThat(result.stderr()).doesNotContain("not the passphrase").doesNotContain(TestKeychain.PASSPHRASE);
    assertThat(result.stdout()).isEmpty();
    assertThat(keychain.snapshot()).isEqualTo(before);
  }

  @Test
  void wrongPassphraseNamesKeychain() throws Exception {
    Path wrong = temp.resolve("wrong.txt");
    Files.writeString(wrong, "not the passphrase\n");

    CliResult result =
        Cli.withoutTerminal()
            .run("list", "--keychain", keychain.directory().toString(), "--passphrase-file", wrong.toString());

    assertThat(result.stderr()).contains(keychain.directory().toString());
  }

  @Test
  void missingKeychainIsRejected() {
    Path missing = temp.resolve("no-keychain-here");

    CliResult result =
        Cli.withoutTerminal().variable(Passphrases.VARIABLE, "pw").run("status", "--keychain", missing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(missing.toString());
    assertNoStackTrace(result);
  }

  @Test
  void initTwiceIsRejected() throws Exception {
    TestKeychain.Snapshot before = keychain.snapshot();

    CliResult result = keychain.run("init");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(keychain.directory().toString());
    assertNoStackTrace(result);
    assertThat(keychain.snapshot()).isEqualTo(before);
  }

  @Test
  void unknownTagIsRejected() throws Exception {
    TestKeychain.Snapshot before = keychain.snapshot();

    for (String[] args :
        new String[][] {
          {"sign", "--tag", "nosuchkey", "--in", path("msg"), "--out", path("sig")},
          {"show", "--tag", "nosuchkey"},
          {"export-public", "--tag", "nosuchkey"},
          {"delete", "--tag", "nosuchkey"},
          {"secret", "get", "--tag", "nosuchkey"}
        }) {
      CliResult result = keychain.run(args);

      String command = String.join(" ", args);
      assertThat(result.exitCode()).as(command).isEqualTo(1);
      assertThat(result.stderr()).as(command).contains("nosuchkey");
      assertThat(result.stdout()).as(command).isEmpty();
      assertNoStackTrace(result);
    }
    assertThat(Files.exists(temp.resolve("sig"))).isFalse();
    assertThat(keychain.snapshot()).isEqualTo(before);
  }

  @Test
  void duplicateTagIsRejected() throws Exception {
    TestKeychain.Snapshot before = keychain.snapshot();

    CliResult result = keychain.run("generate", "--tag", "signer", "--algorithm", "ed25519", "--purpose", "sign");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("signer");
    assertNoStackTrace(result);
    assertThat(keychain.snapshot()).isEqualTo(before);
    assertThat(keychain.ok("show", "--tag", "signer").stdout()).contains("ec-p256");
  }

  @Test
  void certificateForAnotherKeyIsRejected() throws Exception {
    keychain.ok("generate", "--tag", "other", "--algorithm", "ec-p256", "--purpose", "sign");
    Files.writeString(temp.resolve("req.pem"), keychain.ok("csr", "--tag", "other", "--subject", "CN=other").stdout());
    Openssl.ok(
        temp,
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=keychain4j test CA", "-days", "2");
    Openssl.ok(
        temp,
        "x509", "-req", "-in", "req.pem", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "other.pem", "-days", "1");
    TestKeychain.Snapshot before = keychain.snapshot();

    CliResult result = keychain.run("import-cert", "--tag", "signer", path("other.pem"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("signer");
    assertNoStackTrace(result);
    assertThat(keychain.snapshot()).isEqualTo(before);
    assertThat(keychain.run("export-cert", "--tag", "signer").exitCode()).isEqualTo(1);
  }

  @Test
  void garbagePemIsRejected() throws Exception {
    Files.writeString(temp.resolve("garbage.pem"), "this is not a certificate\n");
    Files.writeString(
        temp.resolve("bad-base64.pem"), "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
    Files.writeString(temp.resolve("bad-der.pem"), Pem.encode("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01}));
    Files.writeString(temp.resolve("key.pem"), keychain.ok("export-public", "--tag", "signer").stdout());
    TestKeychain.Snapshot before = keychain.snapshot();

    Files.write(temp.resolve("truncated.der"), new byte[] {0x30, (byte) 0x82, 0x01});
    for (String file : new String[] {"garbage.pem", "bad-base64.pem", "bad-der.pem", "key.pem", "truncated.der"}) {
      CliResult result = keychain.run("import-cert", "--tag", "signer", path(file));

      assertThat(result.exitCode()).as(file).isEqualTo(2);
      assertThat(result.stderr()).as(file).contains(path(file));
      assertNoStackTrace(result);
    }
    for (String file : new String[] {"garbage.pem", "bad-base64.pem", "bad-der.pem", "truncated.der"}) {
      CliResult result = keychain.run("agree", "--tag", "signer", "--peer-public", path(file), "--out", path("shared"));

      assertThat(result.exitCode()).as(file).isEqualTo(2);
      assertThat(result.stderr()).as(file).contains(path(file));
      assertNoStackTrace(result);
    }
    assertThat(keychain.snapshot()).isEqualTo(before);
  }

  @Test
  void editedAuthorizationIsRejected() throws Exception {
    raiseStoredUsageLimit("signer", 3, 1000);
    TestKeychain.Snapshot edited = keychain.snapshot();

    CliResult result = keychain.run("sign", "--tag", "signer", "--in", path("msg"), "--out", path("sig"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("signer").contains("edited");
    assertNoStackTrace(result);
    assertThat(Files.exists(temp.resolve("sig"))).isFalse();
    assertThat(keychain.snapshot()).isEqualTo(edited);
  }

  @Test
  void showRejectsEditedAuthorization() throws Exception {
    raiseStoredUsageLimit("signer", 3, 1000);

    CliResult result = keychain.run("show", "--tag", "signer");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("signer").contains("edited");
    assertThat(result.stdout()).doesNotContain("1000");
    assertNoStackTrace(result);
  }

  @Test
  void replacedPublicKeyIsRejected() throws Exception {
    keychain.ok("generate", "--tag", "pk", "--algorithm", "ec-p256", "--purpose", "sign,verify");
    keychain.ok("generate", "--tag", "attacker", "--algorithm", "ec-p256", "--purpose", "sign");
    keychain.ok("sign", "--tag", "attacker", "--in", path("msg"), "--out", path("attacker.sig"));
    execute(
        "UPDATE items SET public_key = (SELECT public_key FROM items WHERE tag = 'attacker')"
            + " WHERE tag = 'pk'");

    CliResult exported = keychain.run("export-public", "--tag", "pk");
    CliResult verified =
        keychain.run("verify", "--tag", "pk", "--in", path("msg"), "--signature", path("attacker.sig"));
    CliResult csr = keychain.run("csr", "--tag", "pk", "--subject", "CN=pk");

    for (CliResult result : new CliResult[] {exported, verified, csr}) {
      assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
      assertThat(result.stderr()).contains("pk").contains("public key");
      assertThat(result.stdout()).doesNotContain("BEGIN");
      assertNoStackTrace(result);
    }
  }

  @Test
  void unwritableSignatureOutputKeepsTheLastUse() throws Exception {
    keychain.ok("generate", "--tag", "lim1", "--algorithm", "ec-p256", "--purpose", "sign", "--usage-limit", "1");

    CliResult failed = keychain.run("sign", "--tag", "lim1", "--in", path("msg"), "--out", path("missing/x.sig"));
    CliResult retried = keychain.run("sign", "--tag", "lim1", "--in", path("msg"), "--out", path("x.sig"));

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderr()).contains("missing");
    assertNoStackTrace(failed);
    assertThat(retried.exitCode()).as("%s", retried).isZero();
    assertThat(Files.size(temp.resolve("x.sig"))).isPositive();
    assertThat(temp.toFile().list()).noneMatch(name -> name.endsWith(".tmp"));
  }

  @Test
  void unwritableAgreementOutputKeepsTheLastUse() throws Exception {
    keychain.ok("generate", "--tag", "agree1", "--algorithm", "x25519", "--purpose", "agree-key", "--usage-limit", "1");
    keychain.ok("generate", "--tag", "peer", "--algorithm", "x25519", "--purpose", "agree-key");
    Files.writeString(temp.resolve("peer.pem"), keychain.ok("export-public", "--tag", "peer").stdout());
    Files.createDirectory(temp.resolve("existing-directory"));

    CliResult failed =
        keychain.run("agree", "--tag", "agree1", "--peer-public", path("peer.pem"), "--out", path("existing-directory"));
    CliResult retried =
        keychain.run("agree", "--tag", "agree1", "--peer-public", path("peer.pem"), "--out", path("shared"));

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderr()).contains("existing-directory");
    assertThat(retried.exitCode()).as("%s", retried).isZero();
    assertThat(Files.size(temp.resolve("shared"))).isEqualTo(32);
  }

  @Test
  void usageLimitCountsDownThenDeletesKey() throws Exception {
    for (int use = 1; use <= 3; use++) {
      keychain.ok("sign", "--tag", "signer", "--in", path("msg"), "--out", path("sig" + use));
    }

    CliResult fourth = keychain.run("sign", "--tag", "signer", "--in", path("msg"), "--out", path("sig4"));

    assertThat(fourth.exitCode()).isEqualTo(1);
    assertThat(fourth.stderr()).contains("signer");
    assertThat(keychain.ok("list", "--json").stdout()).doesNotContain("signer");
  }

  /**
   * Rewrites the usage limit in the stored authorizations of a key, as an attacker with write
   * access to the database file could. The encoding ends with field 8, a 4-byte big-endian count,
   * when the key has a usage limit and nothing later.
   */
  private void raiseStoredUsageLimit(String tag, int expected, int raised) throws Exception {
    Path database = keychain.databaseFile();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      byte[] authorizations;
      try (PreparedStatement select =
          connection.prepareStatement("SELECT authorizations FROM items WHERE class = 'KEY' AND tag = ?")) {
        select.setString(1, tag);
        try (ResultSet row = select.executeQuery()) {
          assertThat(row.next()).as("key row for %s", tag).isTrue();
          authorizations = row.getBytes(1);
        }
      }
      byte[] limitField = ByteBuffer.allocate(5).put((byte) 8).putInt(expected).array();
      byte[] tail = Arrays.copyOfRange(authorizations, authorizations.length - 5, authorizations.length);
      assertThat(tail).as("stored usage limit field").isEqualTo(limitField);

      ByteBuffer.wrap(authorizations, authorizations.length - 4, 4).putInt(raised);
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE items SET authorizations = ? WHERE class = 'KEY' AND tag = ?")) {
        update.setBytes(1, authorizations);
        update.setString(2, tag);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + keychain.databaseFile());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private static void assertNoStackTrace(CliResult result) {
    assertThat(result.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private String path(String name) {
    return temp.resolve(name).toString();
  }
}
