package dev.keychain4j;

import org.jspecify.annotations.Nullable;

/** The key has no uses left. */
public class UsageLimitExhaustedException extends KeychainException {
  private static final long serialVersionUID = 1L;

  public UsageLimitExhaustedException(String message) {
    super(message);
  }

  public UsageLimitExhaustedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
