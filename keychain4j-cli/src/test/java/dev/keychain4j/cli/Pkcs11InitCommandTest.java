package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keychain init} on a SoftHSM2 token, and the other subcommands on that keychain. */
class Pkcs11InitCommandTest {
  static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  static final String LABEL = "keychain4j-cli-test";
  static final String PIN = "246810";

  @TempDir static Path tokens;
  @TempDir Path temp;

  @BeforeAll
  static void createToken() throws IOException, InterruptedException {
    Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
    Files.createDirectories(conf.getParent());
    Files.writeString(
        conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n", StandardCharsets.UTF_8);
    Process init =
        new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--so-pin", "13579111", "--pin", PIN)
            .redirectErrorStream(true)
            .start();
    String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(init.exitValue()).as(output).isZero();
  }

  private String[] init(Path directory, String... extra) {
    String[] base = {"init", "--keychain", directory.toString(), "--pkcs11-library", LIBRARY, "--token-label", LABEL};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void pinFromVariableThenSubcommandsWork() {
    Path directory = temp.resolve("keychain");
    Cli cli = Cli.withoutTerminal().variable(Passphrases.PIN_VARIABLE, PIN);

    CliResult init = cli.run(init(directory));
    CliResult generate =
        cli.run("generate", "--keychain", directory.toString(), "--tag", "web", "--algorithm", "ec-p256",
            "--purpose", "sign", "--purpose", "verify");
    CliResult status = cli.run("status", "--keychain", directory.toString());

    assertThat(init.exitCode()).as("%s", init).isZero();
    assertThat(init.stdout()).contains("pkcs11").contains("SOFTWARE");
    assertThat(generate.exitCode()).as("%s", generate).isZero();
    assertThat(status.exitCode()).as("%s", status).isZero();
    assertThat(status.stdout()).contains("pkcs11");
  }

  @Test
  void pinFromFileAndPromptAskedOnce() throws Exception {
    Path pinFile = Files.writeString(temp.resolve("pin"), PIN + "\n");
    CliResult fromFile = Cli.withoutTerminal().run(init(temp.resolve("a"), "--pin-file", pinFile.toString()));
    ScriptedPrompt terminal = ScriptedPrompt.answering(PIN);
    CliResult prompted = Cli.withoutTerminal().prompt(terminal).run(init(temp.resolve("b")));

    assertThat(fromFile.exitCode()).as("%s", fromFile).isZero();
    assertThat(prompted.exitCode()).as("%s", prompted).isZero();
    assertThat(terminal.prompts()).hasSize(1);
    assertThat(terminal.prompts().get(0)).contains(LABEL);
  }

  @Test
  void wrongPinRejectedWithoutEcho() {
    CliResult init = Cli.withoutTerminal().variable(Passphrases.PIN_VARIABLE, "999999").run(init(temp.resolve("c")));

    assertThat(init.exitCode()).isNotZero();
    assertThat(init.stderr()).contains("PIN").doesNotContain("999999");
  }

  @Test
  void statusReportsOutsideKeyAndAdoptTakesIt() throws Exception {
    Path directory = temp.resolve("adopting");
    Cli cli = Cli.withoutTerminal().variable(Passphrases.PIN_VARIABLE, PIN);
    assertThat(cli.run(init(directory)).exitCode()).isZero();
    Process keygen =
        new ProcessBuilder(
                "pkcs11-tool", "--module", LIBRARY, "--token-label", LABEL, "--login", "--pin", PIN, "--keypairgen",
                "--key-type", "EC:prime256v1", "--id", "c0ffee01", "--label", "outside", "--usage-sign", "--sensitive")
            .redirectErrorStream(true)
            .start();
    String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keygen.waitFor()).as(output).isZero();

    CliResult before = cli.run("status", "--keychain", directory.toString());
    CliResult adopt =
        cli.run("adopt", "--keychain", directory.toString(), "--id", "c0ffee01", "--tag", "outside",
            "--algorithm", "ec-p256", "--purpose", "sign,verify");
    CliResult after = cli.run("status", "--keychain", directory.toString());

    assertThat(before.stdout()).contains("private-key id=c0ffee01 label=outside algorithm=ec-p256 adoptable");
    assertThat(adopt.exitCode()).as("%s", adopt).isZero();
    assertThat(after.stdout()).doesNotContain("c0ffee01").containsPattern("Keys:\\s+1");
  }

  @Test
  void tokenLabelWithoutLibraryIsUsageError() {
    CliResult init = Cli.withoutTerminal().run("init", "--keychain", temp.resolve("d").toString(), "--token-label", LABEL);

    assertThat(init.exitCode()).isEqualTo(2);
    assertThat(init.stderr()).contains("--pkcs11-library");
  }
}
