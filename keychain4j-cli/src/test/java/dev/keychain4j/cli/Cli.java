package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs command lines in this JVM through {@link Main#run(CliEnvironment, String...)}, with
 * captured output, chosen environment variables, standard input and terminal prompt.
 */
final class Cli {
  private final Map<String, String> variables = new HashMap<>();
  private byte[] stdin = new byte[0];
  private PasswordPrompt prompt = ScriptedPrompt.none();

  static Cli withoutTerminal() {
    return new Cli();
  }

  Cli variable(String name, String value) {
    variables.put(name, value);
    return this;
  }

  Cli stdin(byte[] bytes) {
    stdin = bytes.clone();
    return this;
  }

  Cli prompt(PasswordPrompt terminal) {
    prompt = terminal;
    return this;
  }

  CliResult run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    CliEnvironment environment =
        CliEnvironment.of(new ByteArrayInputStream(stdin), stdout, stderr, variables, prompt);
    int exitCode = Main.run(environment, args);
    return new CliResult(exitCode, stdout.toByteArray(), stderr.toString(UTF_8));
  }
}
