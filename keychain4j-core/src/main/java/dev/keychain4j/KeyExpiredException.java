package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The operation was requested after the key's origination or consumption end. */
public class KeyExpiredException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeyExpiredException(String message) {
    super(message);
  }

  public KeyExpiredException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
