package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The key was not generated for the requested purpose. */
public class IncompatiblePurposeException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public IncompatiblePurposeException(String message) {
    super(message);
  }

  public IncompatiblePurposeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
