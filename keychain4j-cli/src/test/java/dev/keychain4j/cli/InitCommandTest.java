package dev.keychain4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path temp;

  @Test
  void terminalPassphraseIsAskedTwice() {
    Path directory = temp.resolve("keychain");
    ScriptedPrompt terminal = ScriptedPrompt.answering("typed twice", "typed twice");

    CliResult init = Cli.withoutTerminal().prompt(terminal).run("init", "--keychain", directory.toString());
    CliResult status =
        Cli.withoutTerminal().variable(Passphrases.VARIABLE, "typed twice").run("status", "--keychain", directory.toString());

    assertThat(init.exitCode()).as("%s", init).isZero();
    assertThat(terminal.prompts()).hasSize(2);
    assertThat(init.stdout()).contains(directory.toString()).contains("SOFTWARE");
    assertThat(status.exitCode()).as("%s", status).isZero();
  }

  @Test
  void differentEntriesCreateNothing() {
    Path directory = temp.resolve("keychain");
    ScriptedPrompt terminal = ScriptedPrompt.answering("first entry", "second entry");

    CliResult init = Cli.withoutTerminal().prompt(terminal).run("init", "--keychain", directory.toString());

    assertThat(init.exitCode()).isEqualTo(2);
    assertThat(init.stderr()).contains("differ");
    assertThat(init.stderr()).doesNotContain("first entry").doesNotContain("second entry");
    assertThat(directory).doesNotExist();
  }

  @Test
  void regularFileAsKeychainIsBadInput() throws Exception {
    Path file = Files.writeString(temp.resolve("notadir"), "not a keychain");

    CliResult init =
        Cli.withoutTerminal().variable(Passphrases.VARIABLE, "unused").run("init", "--keychain", file.toString());

    assertThat(init.exitCode()).isEqualTo(2);
    assertThat(init.stderr()).contains(file.toString()).contains("is a file").contains("choose a directory");
    assertThat(file).hasContent("not a keychain");
  }

  @Test
  void openingAsksOnce() throws Exception {
    TestKeychain keychain = TestKeychain.create(temp);
    ScriptedPrompt terminal = ScriptedPrompt.answering(TestKeychain.PASSPHRASE);

    CliResult list = Cli.withoutTerminal().prompt(terminal).run("list", "--keychain", keychain.directory().toString());

    assertThat(list.exitCode()).as("%s", list).isZero();
    assertThat(terminal.prompts()).hasSize(1);
  }
}
