package dev.keychain4j.cli;

/**
 * A refusal or failure that the CLI itself detects, such as a signature that does not verify.
 * Ends the command with exit code 1, like a {@link dev.keychain4j.KeychainException}.
 */
final class CommandFailedException extends Exception {
  CommandFailedException(String message) {
    super(message);
  }
}
