package dev.keychain4j.cli;

/** Exit codes of every keychain subcommand, and their lines in {@code --help}. */
final class ExitCodes {
  static final int SUCCESS = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String HEADING = "%nExit codes:%n";
  static final String SUCCESS_LINE = "0:success";
  static final String FAILED_LINE = "1:operation refused or failed";
  static final String USAGE_LINE = "2:bad usage or input";

  private ExitCodes() {}
}
