package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} binary as the independent checker of what the CLI produces. */
final class Openssl {
  private Openssl() {}

  /** The outcome of one openssl run; output and error are captured separately. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs openssl in {@code directory} and returns its result, whatever the exit code. */
  static Result run(Path directory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    // Standard error goes to a file, so that a full error pipe cannot block openssl while stdout is read.
    Path stderrFile = Files.createTempFile(directory, "openssl-", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(stderrFile.toFile())
            .start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("openssl " + args[0] + " did not finish within 60 s");
    }
    String stderr = Files.readString(stderrFile, UTF_8);
    Files.delete(stderrFile);
    return new Result(process.exitValue(), new String(stdout, UTF_8), stderr);
  }

  /** Runs openssl and asserts that it succeeds. */
  static Result ok(Path directory, String... args) throws IOException, InterruptedException {
    Result result = run(directory, args);
    assertThat(result.exitCode())
        .as("openssl %s failed:%n%s%s", String.join(" ", args), result.stdout(), result.stderr())
        .isZero();
    return result;
  }
}
