package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/**
 * A stored key, secret or usage counter failed authentication: it was edited, truncated or
 * belongs to another keychain. The item cannot be used any more.
 */
public class KeyCorruptedException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public KeyCorruptedException(String message) {
    super(message);
  }

  public KeyCorruptedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
