package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphrasesTest {
  @TempDir Path temp;

  private final Path directory = Path.of("/tmp/some-keychain");

  @Test
  void fileWinsOverVariableAndPrompt() throws Exception {
    Path file = temp.resolve("pw");
    Files.writeString(file, "from file\n");
    ScriptedPrompt prompt = ScriptedPrompt.answering("from prompt");

    char[] passphrase = Passphrases.read(environment(Map.of(Passphrases.VARIABLE, "from variable"), prompt), file, directory, true);

    assertThat(new String(passphrase)).isEqualTo("from file");
    assertThat(prompt.prompts()).isEmpty();
  }

  @Test
  void fileDropsOneTrailingLineBreakOnly() throws Exception {
    Path file = temp.resolve("pw");
    Files.write(file, " two words \r\n\n".getBytes(UTF_8));

    char[] passphrase = Passphrases.read(environment(Map.of(), ScriptedPrompt.none()), file, directory, false);

    assertThat(new String(passphrase)).isEqualTo(" two words \r\n");
  }

  @Test
  void fileKeepsNonAsciiText() throws Exception {
    Path file = temp.resolve("pw");
    Files.writeString(file, "pässwörd€", UTF_8);

    char[] passphrase = Passphrases.read(environment(Map.of(), ScriptedPrompt.none()), file, directory, false);

    assertThat(new String(passphrase)).isEqualTo("pässwörd€");
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    Path file = temp.resolve("pw");
    Files.writeString(file, "\n");

    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), ScriptedPrompt.none()), file, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("empty");
  }

  @Test
  void invalidUtf8FileIsRejected() throws Exception {
    Path file = temp.resolve("pw");
    Files.write(file, new byte[] {'a', (byte) 0xC3, 'b'});

    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), ScriptedPrompt.none()), file, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void missingFileIsRejected() {
    Path file = temp.resolve("absent");

    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), ScriptedPrompt.none()), file, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no such file");
  }

  @Test
  void variableWinsOverPrompt() throws Exception {
    ScriptedPrompt prompt = ScriptedPrompt.answering("from prompt");

    char[] passphrase =
        Passphrases.read(environment(Map.of(Passphrases.VARIABLE, "from variable"), prompt), null, directory, true);

    assertThat(new String(passphrase)).isEqualTo("from variable");
    assertThat(prompt.prompts()).isEmpty();
  }

  @Test
  void emptyVariableIsRejected() {
    assertThatThrownBy(
            () -> Passphrases.read(environment(Map.of(Passphrases.VARIABLE, ""), ScriptedPrompt.none()), null, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(Passphrases.VARIABLE);
  }

  @Test
  void promptAsksOnceToOpen() throws Exception {
    ScriptedPrompt prompt = ScriptedPrompt.answering("typed");

    char[] passphrase = Passphrases.read(environment(Map.of(), prompt), null, directory, false);

    assertThat(new String(passphrase)).isEqualTo("typed");
    assertThat(prompt.prompts()).hasSize(1);
    assertThat(prompt.prompts().get(0)).contains(directory.toString());
  }

  @Test
  void promptAsksTwiceToCreate() throws Exception {
    ScriptedPrompt prompt = ScriptedPrompt.answering("typed", "typed");

    char[] passphrase = Passphrases.read(environment(Map.of(), prompt), null, directory, true);

    assertThat(new String(passphrase)).isEqualTo("typed");
    assertThat(prompt.prompts()).hasSize(2);
  }

  @Test
  void differentAnswersAreRejected() {
    ScriptedPrompt prompt = ScriptedPrompt.answering("typed", "typo");

    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), prompt), null, directory, true))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("differ");
  }

  @Test
  void emptyAnswerIsRejected() {
    ScriptedPrompt prompt = ScriptedPrompt.answering("");

    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), prompt), null, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void endOfInputAtPromptIsRejected() {
    ScriptedPrompt prompt = ScriptedPrompt.answering();

    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), prompt), null, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no passphrase entered");
  }

  @Test
  void noSourceNamesTheThreeWays() {
    assertThatThrownBy(() -> Passphrases.read(environment(Map.of(), ScriptedPrompt.none()), null, directory, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--passphrase-file")
        .hasMessageContaining(Passphrases.VARIABLE)
        .hasMessageContaining("terminal");
  }

  private static CliEnvironment environment(Map<String, String> variables, PasswordPrompt prompt) {
    return CliEnvironment.of(
        new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream(), variables, prompt);
  }
}
