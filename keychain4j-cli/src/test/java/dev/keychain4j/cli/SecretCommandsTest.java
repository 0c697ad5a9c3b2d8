package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandsTest {
  private static final String TOKEN = "ghp_s3cr3t-t0ken-value";

  @TempDir Path temp;

  private TestKeychain keychain;

  @BeforeEach
  void createKeychain() throws Exception {
    keychain = TestKeychain.create(temp);
  }

  @Test
  void putThenGetReturnsExactBytes() {
    byte[] secret = {0, 1, 2, (byte) 0xff, '\n', 'x', '\n'};

    CliResult put = keychain.runWithStdin(secret, "secret", "put", "--tag", "binary", "--label", "test bytes");
    CliResult get = keychain.run("secret", "get", "--tag", "binary");

    assertThat(put.exitCode()).as("%s", put).isZero();
    assertThat(get.exitCode()).as("%s", get).isZero();
    assertThat(get.stdoutBytes()).isEqualTo(secret);
  }

  @Test
  void secretAppearsOnlyInGetOutput() {
    CliResult put = keychain.runWithStdin(TOKEN.getBytes(UTF_8), "secret", "put", "--tag", "github");
    CliResult list = keychain.run("list");
    CliResult json = keychain.run("list", "--json");
    CliResult status = keychain.run("status");

    for (CliResult result : new CliResult[] {put, list, json, status}) {
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.stdout()).doesNotContain(TOKEN);
      assertThat(result.stderr()).doesNotContain(TOKEN);
    }
    assertThat(list.stdout()).contains("secret").contains("github");
    assertThat(status.stdout()).containsPattern("Secrets:\\s+1");
  }

  @Test
  void duplicateSecretIsRejected() {
    keychain.runWithStdin("first".getBytes(UTF_8), "secret", "put", "--tag", "token");

    CliResult second = keychain.runWithStdin("second".getBytes(UTF_8), "secret", "put", "--tag", "token");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.stderr()).contains("token").doesNotContain("second");
    assertThat(keychain.run("secret", "get", "--tag", "token").stdout()).isEqualTo("first");
  }

  @Test
  void emptySecretIsRejected() {
    CliResult result = keychain.runWithStdin(new byte[0], "secret", "put", "--tag", "empty");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("empty");
  }

  @Test
  void deleteRemovesSecret() {
    keychain.runWithStdin(TOKEN.getBytes(UTF_8), "secret", "put", "--tag", "github");

    CliResult deleted = keychain.run("secret", "delete", "--tag", "github");
    CliResult get = keychain.run("secret", "get", "--tag", "github");

    assertThat(deleted.exitCode()).as("%s", deleted).isZero();
    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stderr()).contains("github");
    assertThat(get.stdout()).isEmpty();
  }

  @Test
  void promptReadsSecretOnTerminal() {
    ScriptedPrompt terminal = ScriptedPrompt.answering(TOKEN);

    CliResult put =
        Cli.withoutTerminal().prompt(terminal).run(keychain.withKeychain("secret", "put", "--tag", "typed"));

    assertThat(put.exitCode()).as("%s", put).isZero();
    assertThat(terminal.prompts()).singleElement().asString().contains("typed");
    assertThat(keychain.run("secret", "get", "--tag", "typed").stdout()).isEqualTo(TOKEN);
  }
}
