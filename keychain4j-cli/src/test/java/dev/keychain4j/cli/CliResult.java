package dev.keychain4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The outcome of one in-process command line.
 *
 * @param exitCode the code {@code Main.run} returned
 * @param stdoutBytes everything written to standard output
 * @param stderr everything written to standard error
 */
record CliResult(int exitCode, byte[] stdoutBytes, String stderr) {
  CliResult {
    stdoutBytes = stdoutBytes.clone();
  }

  @Override
  public byte[] stdoutBytes() {
    return stdoutBytes.clone();
  }

  String stdout() {
    return new String(stdoutBytes, UTF_8);
  }

  @Override
  public String toString() {
    return "exit code " + exitCode + "\n--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr;
  }
}
