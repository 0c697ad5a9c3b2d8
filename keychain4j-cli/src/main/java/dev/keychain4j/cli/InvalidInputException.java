package dev.keychain4j.cli;

/**
 * Bad usage or unreadable input that picocli cannot detect while parsing: a missing passphrase
 * source, an unreadable file, malformed PEM. Ends the command with exit code 2.
 */
final class InvalidInputException extends Exception {
  InvalidInputException(String message) {
    super(message);
  }

  InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
