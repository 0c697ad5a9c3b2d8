package dev.keychain4j.jca;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line tool, the independent peer of these tests, with a timeout. */
final class Openssl {
  private static final long TIMEOUT_SECONDS = 60;

  private Openssl() {}

  /** Runs openssl and returns its combined output; fails on a non-zero exit or a timeout. */
  static String run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
    Result result = tryRun(workingDirectory, arguments);
    if (result.exitCode != 0) {
      throw new AssertionError(
          "openssl " + String.join(" ", arguments) + " exited with " + result.exitCode + ":\n" + result.output);
    }
    return result.output;
  }

  /** Runs openssl and returns its exit code and combined output. */
  static Result tryRun(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("openssl " + String.join(" ", arguments) + " timed out");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }

  /** The exit code and combined output of a finished openssl run. */
  static final class Result {
    final int exitCode;
    final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }
}
