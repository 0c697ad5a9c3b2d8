package dev.keychain4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code keychain} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code, without calling {@code System.exit}. */
  public static int run(String... args) {
    return new CommandLine(new KeychainCommand()).execute(args);
  }
}
