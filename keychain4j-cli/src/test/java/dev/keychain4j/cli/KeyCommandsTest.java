package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandsTest {
  @TempDir Path temp;

  private TestKeychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = TestKeychain.create(temp);
  }

  @Test
  void showListsEveryAuthorizationWithEnforcer() {
    keychain.ok(
        "generate", "--tag", "doc-signer", "--algorithm", "rsa-3072", "--purpose", "sign,verify",
        "--digest", "sha384", "--padding", "pss", "--active-from", "2020-01-01T00:00:00Z",
        "--origination-end", "2099-01-01T00:00:00Z", "--consumption-end", "2100-01-01T00:00:00Z",
        "--usage-limit", "5", "--label", "Documents");

    String out = keychain.ok("show", "--tag", "doc-signer").stdout();

    assertThat(out).contains("Tag:               doc-signer");
    assertThat(out).contains("Label:             Documents");
    assertThat(out).contains("Algorithm:         rsa-3072");
    assertThat(out).contains("Security level:    SOFTWARE");
    assertThat(out).contains("Remaining uses:    5");
    assertThat(out).containsPattern("algorithm\\s+rsa-3072\\s+secure element");
    assertThat(out).containsPattern("purpose\\s+sign,verify\\s+secure element");
    assertThat(out).containsPattern("digest\\s+sha384\\s+secure element");
    assertThat(out).containsPattern("padding\\s+pss\\s+secure element");
    assertThat(out).containsPattern("active-from\\s+2020-01-01T00:00:00Z\\s+secure element");
    assertThat(out).containsPattern("origination-end\\s+2099-01-01T00:00:00Z\\s+secure element");
    assertThat(out).containsPattern("consumption-end\\s+2100-01-01T00:00:00Z\\s+secure element");
    assertThat(out).containsPattern("usage-limit\\s+5\\s+secure element");
  }

  @Test
  void listJsonDescribesEveryItem() throws Exception {
    keychain.ok("generate", "--tag", "a", "--algorithm", "ed25519", "--purpose", "sign", "--label", "first");
    keychain.ok("generate", "--tag", "b", "--algorithm", "x25519", "--purpose", "agree-key");

    JsonNode items = new ObjectMapper().readTree(keychain.ok("list", "--json").stdout());

    assertThat(items.isArray()).isTrue();
    assertThat(items).hasSize(2);
    JsonNode first = items.get(0).get("tag").asText().equals("a") ? items.get(0) : items.get(1);
    assertThat(first.get("class").asText()).isEqualTo("key");
    assertThat(first.get("label").asText()).isEqualTo("first");
    assertThat(first.get("algorithm").asText()).isEqualTo("ed25519");
    assertThat(first.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void listFiltersByAlgorithmAndClass() {
    keychain.ok("generate", "--tag", "ec", "--algorithm", "ec-p256", "--purpose", "sign");
    keychain.ok("generate", "--tag", "ed", "--algorithm", "ed25519", "--purpose", "sign");

    String table = keychain.ok("list", "--algorithm", "ed25519").stdout();
    String secrets = keychain.ok("list", "--class", "secret").stdout();

    assertThat(table).contains("CLASS").contains("ed25519").doesNotContain("ec-p256");
    assertThat(secrets.lines()).hasSize(1);
  }

  @Test
  void deleteRemovesKey() {
    keychain.ok("generate", "--tag", "gone", "--algorithm", "ec-p256", "--purpose", "sign");

    keychain.ok("delete", "--tag", "gone");

    assertThat(keychain.run("show", "--tag", "gone").exitCode()).isEqualTo(1);
  }

  @Test
  void ruleBreakingParametersAreUsageErrors() {
    CliResult result = keychain.run("generate", "--tag", "x", "--algorithm", "x25519", "--purpose", "sign");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("x25519").doesNotContain("Exception");
  }

  @Test
  void wrongPurposeIsRejected() throws Exception {
    keychain.ok("generate", "--tag", "agree-only", "--algorithm", "ec-p256", "--purpose", "agree-key");
    Files.writeString(temp.resolve("msg"), "m");

    CliResult result =
        keychain.run("sign", "--tag", "agree-only", "--in", temp.resolve("msg").toString(), "--out", temp.resolve("sig").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("agree-only");
  }

  @Test
  void digestNotAllowedIsRejected() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign", "--digest", "sha256");
    Files.writeString(temp.resolve("msg"), "m");

    CliResult result =
        keychain.run("sign", "--tag", "k", "--in", temp.resolve("msg").toString(), "--out", temp.resolve("sig").toString(), "--digest", "sha512");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("sha512");
  }

  @Test
  void defaultDigestFollowsKey() throws Exception {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p384", "--purpose", "sign,verify", "--digest", "sha384");
    Files.writeString(temp.resolve("msg"), "m");

    CliResult signed = keychain.ok("sign", "--tag", "k", "--in", temp.resolve("msg").toString(), "--out", temp.resolve("sig").toString());

    assertThat(signed.stdout()).contains("sha384");
    keychain.ok("verify", "--tag", "k", "--in", temp.resolve("msg").toString(), "--signature", temp.resolve("sig").toString());
  }

  @Test
  void statusCountsItems() {
    keychain.ok("generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign");

    String out = keychain.ok("status").stdout();

    assertThat(out).contains(keychain.directory().toString());
    assertThat(out).contains("software-enclave").contains("SOFTWARE");
    assertThat(out).containsPattern("Keys:\\s+1");
  }

  @Test
  void keyOutsideValidityWindowIsRejected() throws Exception {
    keychain.ok(
        "generate", "--tag", "future", "--algorithm", "ed25519", "--purpose", "sign",
        "--active-from", "2999-01-01T00:00:00Z");
    Files.writeString(temp.resolve("msg"), "m");

    CliResult result =
        keychain.run("sign", "--tag", "future", "--in", temp.resolve("msg").toString(), "--out", temp.resolve("sig").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("future");
    assertThat(temp.resolve("sig")).doesNotExist();
  }

  @Test
  void ed25519RejectsDigestOption() throws Exception {
    keychain.ok("generate", "--tag", "ed", "--algorithm", "ed25519", "--purpose", "sign");
    Files.writeString(temp.resolve("msg"), "m");

    CliResult result =
        keychain.run("sign", "--tag", "ed", "--in", temp.resolve("msg").toString(), "--out", temp.resolve("sig").toString(), "--digest", "sha256");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--digest").contains("ed");
  }
}
