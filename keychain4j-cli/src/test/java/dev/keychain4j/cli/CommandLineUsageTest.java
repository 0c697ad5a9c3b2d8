package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage errors and help text, which fail or print before any keychain is opened. */
class CommandLineUsageTest {
  private static final List<String[]> SUBCOMMANDS =
      List.of(
          new String[] {"init"},
          new String[] {"status"},
          new String[] {"generate"},
          new String[] {"list"},
          new String[] {"show"},
          new String[] {"sign"},
          new String[] {"verify"},
          new String[] {"decrypt"},
          new String[] {"agree"},
          new String[] {"csr"},
          new String[] {"import-cert"},
          new String[] {"export-public"},
          new String[] {"export-cert"},
          new String[] {"delete"},
          new String[] {"secret"},
          new String[] {"secret", "put"},
          new String[] {"secret", "get"},
          new String[] {"secret", "delete"},
          new String[] {"demo"});

  @TempDir Path temp;

  @Test
  void helpOfEverySubcommandListsExitCodes() {
    for (String[] subcommand : SUBCOMMANDS) {
      String[] args = append(subcommand, "--help");
      CliResult result = Cli.withoutTerminal().run(args);

      String name = String.join(" ", subcommand);
      assertThat(result.exitCode()).as("keychain %s --help", name).isZero();
      assertThat(result.stdout()).as("keychain %s --help", name).contains("Exit codes:");
      assertThat(result.stdout()).as("keychain %s --help", name).containsPattern("(?m)^\\s+0\\s+");
      assertThat(result.stdout()).as("keychain %s --help", name).containsPattern("(?m)^\\s+1\\s+");
      assertThat(result.stdout()).as("keychain %s --help", name).containsPattern("(?m)^\\s+2\\s+bad usage or");
    }
  }

  @Test
  void everyKeychainSubcommandTakesKeychainOption() {
    for (String[] subcommand : SUBCOMMANDS) {
      String name = String.join(" ", subcommand);
      if (name.equals("secret") || name.equals("demo")) {
        continue;
      }
      CliResult result = Cli.withoutTerminal().run(append(subcommand, "--help"));
      assertThat(result.stdout()).as("keychain %s --help", name).contains("--keychain=DIR");
      assertThat(result.stdout()).as("keychain %s --help", name).contains("--passphrase-file=FILE");
    }
  }

  @Test
  void rootWithoutSubcommandFailsWithUsage() {
    CliResult result = Cli.withoutTerminal().run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("Usage: keychain");
  }

  @Test
  void unknownSubcommandIsUsageError() {
    CliResult result = Cli.withoutTerminal().run("sing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("'sing'");
    assertThat(result.stderr()).doesNotContain("at dev.keychain4j");
  }

  @Test
  void unknownAlgorithmNamesValue() {
    CliResult result =
        Cli.withoutTerminal()
            .run("generate", "--tag", "k", "--algorithm", "ec-p255", "--purpose", "sign", "--keychain", temp.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("ec-p255");
    assertThat(result.stderr()).contains("ec-p256");
    assertThat(result.stderr()).doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--purpose=sing", "--digest=sha1", "--padding=oaep2", "--active-from=tomorrow"})
  void unknownOptionValueIsUsageError(String option) {
    CliResult result =
        Cli.withoutTerminal()
            .run("generate", "--tag", "k", "--algorithm", "rsa-2048", "--purpose", "sign", option, "--keychain", temp.toString());

    String value = option.substring(option.indexOf('=') + 1);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("'" + value + "'");
    assertThat(result.stderr()).doesNotContain("Exception");
  }

  @Test
  void missingRequiredOptionIsUsageError() {
    CliResult result = Cli.withoutTerminal().run("sign", "--tag", "k", "--in", "message.txt");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--out");
  }

  @Test
  void noPassphraseSourceNamesAllThree() {
    CliResult result = Cli.withoutTerminal().run("list", "--keychain", temp.resolve("keychain").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--passphrase-file");
    assertThat(result.stderr()).contains("KEYCHAIN4J_PASSPHRASE");
    assertThat(result.stderr()).contains("terminal");
  }

  @Test
  void missingInputFileIsUsageError() {
    Path missing = temp.resolve("missing.txt");

    CliResult result =
        Cli.withoutTerminal()
            .variable(Passphrases.VARIABLE, "pw")
            .run("sign", "--tag", "k", "--in", missing.toString(), "--out", temp.resolve("sig").toString(), "--keychain", temp.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains(missing.toString()).contains("no such file");
    assertThat(Files.exists(temp.resolve("sig"))).isFalse();
  }

  @Test
  void garbagePeerKeyIsUsageError() throws Exception {
    Path peer = temp.resolve("peer.pem");
    Files.writeString(peer, "-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----\n");

    CliResult result =
        Cli.withoutTerminal()
            .variable(Passphrases.VARIABLE, "pw")
            .run("agree", "--tag", "k", "--peer-public", peer.toString(), "--out", temp.resolve("secret").toString(), "--keychain", temp.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains(peer.toString()).contains("Base64");
  }

  @Test
  void invalidSubjectIsUsageError() {
    CliResult result =
        Cli.withoutTerminal()
            .variable(Passphrases.VARIABLE, "pw")
            .run("csr", "--tag", "k", "--subject", "/CN=openssl style", "--keychain", temp.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("'/CN=openssl style'");
  }

  private static String[] append(String[] args, String last) {
    String[] full = java.util.Arrays.copyOf(args, args.length + 1);
    full[args.length] = last;
    return full;
  }
}
