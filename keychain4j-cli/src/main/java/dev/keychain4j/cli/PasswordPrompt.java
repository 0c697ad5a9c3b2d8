package dev.keychain4j.cli;

import java.io.Console;
import java.util.Optional;

/** Reads a passphrase or secret from the user's terminal without echoing it. */
interface PasswordPrompt {

  /**
   * Shows the prompt and reads one line without echo.
   *
   * @return empty when there is no terminal to prompt on, or when the input ended before a line
   */
  Optional<char[]> readPassword(String prompt);

  /** Returns whether a terminal is attached, so that a prompt can be shown at all. */
  boolean isAvailable();

  /** Returns the prompt on {@link System#console()}, which exists only when stdin and stdout are a terminal. */
  static PasswordPrompt system() {
    return new PasswordPrompt() {
      @Override
      public Optional<char[]> readPassword(String prompt) {
        Console console = System.console();
        if (console == null) {
          return Optional.empty();
        }
        return Optional.ofNullable(console.readPassword("%s", prompt));
      }

      @Override
      public boolean isAvailable() {
        return System.console() != null;
      }
    };
  }
}
