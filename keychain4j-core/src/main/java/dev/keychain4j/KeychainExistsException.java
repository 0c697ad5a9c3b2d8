package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The directory already contains an initialized keychain. */
public class KeychainExistsException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeychainExistsException(String message) {
    super(message);
  }

  public KeychainExistsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
