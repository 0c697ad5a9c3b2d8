package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The key does not allow the requested digest. */
public class IncompatibleDigestException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public IncompatibleDigestException(String message) {
    super(message);
  }

  public IncompatibleDigestException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
