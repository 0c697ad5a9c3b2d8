package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The key does not allow the requested RSA padding or signature scheme. */
public class IncompatiblePaddingException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public IncompatiblePaddingException(String message) {
    super(message);
  }

  public IncompatiblePaddingException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
