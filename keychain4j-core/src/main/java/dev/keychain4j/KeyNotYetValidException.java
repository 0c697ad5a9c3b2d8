package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The operation was requested before the key's active-from instant. */
public class KeyNotYetValidException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeyNotYetValidException(String message) {
    super(message);
  }

  public KeyNotYetValidException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
