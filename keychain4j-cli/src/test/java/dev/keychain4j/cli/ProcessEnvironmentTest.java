package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code Main} in a child JVM, where the real environment variables and {@code
 * System.console()} apply: stdin from /dev/null means there is no terminal to prompt on.
 */
class ProcessEnvironmentTest {
  @TempDir Path temp;

  @Test
  void keychainHomeAndPassphraseVariableAreUsed() throws Exception {
    Path home = temp.resolve("home");
    Map<String, String> variables = Map.of("KEYCHAIN4J_HOME", home.toString(), Passphrases.VARIABLE, "from the environment");

    Result init = runMain(variables, "init");
    Result status = runMain(variables, "status");

    assertThat(init.exitCode()).as("%s", init).isZero();
    assertThat(status.exitCode()).as("%s", status).isZero();
    assertThat(status.output()).contains(home.toString());
    assertThat(init.output() + status.output()).doesNotContain("from the environment");
  }

  @Test
  void noTerminalAndNoPassphraseFailsWithUsage() throws Exception {
    Path home = temp.resolve("home");

    Result result = runMain(Map.of("KEYCHAIN4J_HOME", home.toString()), "init");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("--passphrase-file").contains(Passphrases.VARIABLE).contains("terminal");
    assertThat(home).doesNotExist();
  }

  @Test
  void secretPutReadsTheSecretFromAPipe() throws Exception {
    Path home = temp.resolve("home");
    Map<String, String> variables = Map.of("KEYCHAIN4J_HOME", home.toString(), Passphrases.VARIABLE, "pipe test");
    byte[] secret = "db-password".getBytes(UTF_8);

    Result init = runMain(variables, "init");
    Result put = runMain(variables, secret, "secret", "put", "--tag", "db");
    Result get = runMain(variables, "secret", "get", "--tag", "db");

    assertThat(init.exitCode()).as("%s", init).isZero();
    assertThat(put.exitCode()).as("%s", put).isZero();
    assertThat(get.exitCode()).as("%s", get).isZero();
    assertThat(get.output()).isEqualTo("db-password");
  }

  @Test
  void fullStandardOutputFails() throws Exception {
    Path home = temp.resolve("home");
    Map<String, String> variables = Map.of("KEYCHAIN4J_HOME", home.toString(), Passphrases.VARIABLE, "full disk test");
    assertThat(runMain(variables, "init").exitCode()).isZero();
    assertThat(runMain(variables, "generate", "--tag", "k", "--algorithm", "ec-p256", "--purpose", "sign").exitCode())
        .isZero();

    for (String[] args :
        new String[][] {
          {"export-public", "--tag", "k"}, {"list", "--json"}, {"csr", "--tag", "k", "--subject", "CN=k"}
        }) {
      Result result = runMainToDevFull(variables, args);

      assertThat(result.exitCode()).as("%s: %s", String.join(" ", args), result).isEqualTo(1);
      assertThat(result.output()).contains("standard output");
    }
  }

  private record Result(int exitCode, String output) {}

  private Result runMain(Map<String, String> variables, String... args) throws Exception {
    return runMain(variables, null, args);
  }

  /** Runs {@code Main} with standard output on /dev/full, where every write fails; returns stderr. */
  private Result runMainToDevFull(Map<String, String> variables, String... args) throws Exception {
    Path errors = Files.createTempFile(temp, "main-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(mainCommand(args))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/full")))
            .redirectError(errors.toFile());
    builder.environment().remove(Passphrases.VARIABLE);
    builder.environment().remove("KEYCHAIN4J_HOME");
    builder.environment().putAll(variables);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("keychain " + String.join(" ", args) + " did not finish within 2 minutes");
    }
    return new Result(process.exitValue(), Files.readString(errors, UTF_8));
  }

  private static List<String> mainCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code Main}, with standard input from /dev/null, or a pipe carrying {@code input}. */
  private Result runMain(Map<String, String> variables, byte @Nullable [] input, String... args) throws Exception {
    List<String> command = mainCommand(args);
    Path output = Files.createTempFile(temp, "main-", ".out");

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(
                input == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().remove(Passphrases.VARIABLE);
    builder.environment().remove("KEYCHAIN4J_HOME");
    builder.environment().putAll(variables);
    Process process = builder.start();
    if (input != null) {
      try (OutputStream pipe = process.getOutputStream()) {
        pipe.write(input);
      }
    }
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("keychain " + String.join(" ", args) + " did not finish within 2 minutes");
    }
    return new Result(process.exitValue(), Files.readString(output, UTF_8));
  }
}
