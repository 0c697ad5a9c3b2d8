package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The standard streams, environment variables and terminal prompt that a command line runs
 * against. Tests pass their own to capture output and to supply passphrases.
 *
 * @param stdin standard input, read raw by {@code secret put}
 * @param stdout standard output as bytes, for {@code secret get}; {@code out} writes to it too
 * @param out text output, shared with picocli
 * @param err error messages, shared with picocli
 * @param variables environment variables
 * @param prompt the no-echo terminal prompt
 */
record CliEnvironment(
    InputStream stdin,
    OutputStream stdout,
    PrintWriter out,
    PrintWriter err,
    Map<String, String> variables,
    PasswordPrompt prompt) {

  CliEnvironment {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    variables = Map.copyOf(variables);
    Objects.requireNonNull(prompt, "prompt");
  }

  /** Returns the environment of this process. */
  static CliEnvironment system() {
    // Raw descriptors, so that binary output is not mangled by System.out's charset encoder.
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    // Buffered because FileInputStream.readNBytes fails with "Illegal seek" on a pipe in JDK 17.
    InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
    return of(stdin, stdout, stderr, System.getenv(), PasswordPrompt.system());
  }

  /** Returns an environment whose text output is UTF-8 on the given byte streams. */
  static CliEnvironment of(
      InputStream stdin,
      OutputStream stdout,
      OutputStream stderr,
      Map<String, String> variables,
      PasswordPrompt prompt) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, UTF_8), true);
    return new CliEnvironment(stdin, stdout, out, err, variables, prompt);
  }

  /** Returns the value of an environment variable, empty when it is unset. */
  Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }
}
