package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The directory contains no initialized keychain. */
public class KeychainNotFoundException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeychainNotFoundException(String message) {
    super(message);
  }

  public KeychainNotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
